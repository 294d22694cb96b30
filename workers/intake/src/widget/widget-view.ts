import * as z from "zod";
import type { CaseStatus } from "../../../../shared/domain/case-model";
import { RATING_LABELS, STATUS_LABELS } from "../../../../shared/ui/labels";
import type { PublicView } from "../case-views";

const DUE_STATUSES = ["on_time", "due_soon", "overdue"] as const;
const Label = z.object({ code: z.string(), zh: z.string(), en: z.string() });

/** What a partner's page may show about a case: state, department, deadline, the published reply, the rating. */
export const WidgetView = z
  .object({
    trackingNo: z.string(),
    status: Label,
    department: z.object({ name: z.string() }).nullable(),
    dueAt: z.string().nullable().meta({ description: "Reply deadline, ISO 8601 with offset" }),
    dueStatus: z.enum(DUE_STATUSES).nullable().meta({ description: "null once answered or before a deadline is set" }),
    reply: z
      .object({
        text: z.string().meta({ description: "Personal numbers typed into the text are masked" }),
        publishedAt: z.string(),
        spokesperson: z.object({ name: z.string(), title: z.string() }),
      })
      .nullable(),
    rating: Label.nullable(),
    supporters: z.int().meta({ description: "附议: citizens who said they have the same problem" }),
  })
  .meta({ id: "WidgetView" });
export type WidgetView = z.infer<typeof WidgetView>;

/**
 * Built field by field from the public view, never by removing fields: a field added to the public
 * view (title, body, timeline, …) stays out of the widget until someone names it here.
 */
export function widgetView(view: PublicView): WidgetView {
  const status = STATUS_LABELS[view.status as CaseStatus] ?? { zh: view.status, en: view.status };
  const rating = view.rating
    ? {
        code: view.rating,
        ...(RATING_LABELS[view.rating as keyof typeof RATING_LABELS] ?? { zh: view.rating, en: view.rating }),
      }
    : null;
  return {
    trackingNo: view.trackingNo,
    status: { code: view.status, zh: status.zh, en: status.en },
    department: view.department ? { name: view.department.name } : null,
    dueAt: view.dueAt,
    dueStatus: DUE_STATUSES.find((d) => d === view.dueStatus) ?? null,
    reply: view.reply
      ? {
          text: view.reply.text,
          publishedAt: view.reply.publishedAt,
          spokesperson: { name: view.reply.spokesperson.name, title: view.reply.spokesperson.title },
        }
      : null,
    rating: rating && { code: rating.code, zh: rating.zh, en: rating.en },
    supporters: view.supporters,
  };
}
