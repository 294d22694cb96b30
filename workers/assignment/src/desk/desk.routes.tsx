import { type Context, Hono } from "hono";
import { caseRecord } from "../../../../shared/case-record/client";
import { departmentNames, findCaseByTrackingNo, loadMeta } from "../../../../shared/db/case-queries";
import type { CaseState } from "../../../../shared/domain/case-model";
import { DomainError } from "../../../../shared/domain/errors";
import { normalizeTrackingNo } from "../../../../shared/domain/ids";
import { can } from "../../../../shared/domain/permissions";
import { formValidator } from "../../../../shared/http/form-validator";
import { suggestCategories } from "../../../../shared/routing/category-suggester";
import { consoleText } from "../../../../shared/ui/i18n-console";
import { runCommand } from "../case-commands";
import type { CategoryChoice } from "../console/action-forms";
import { CaseDeskPage } from "../console/case-desk-page";
import { commandForm, referenceProblem } from "./command-form";
import { duplicatesOf, listDepartments } from "./desk-queries";
import { needsConfirmation } from "./reply-check";
import type { DeskEnv } from "./session";

/** The case desk: one case as staff see it, and the commands they give it from its forms. */
export const caseDesk = new Hono<DeskEnv>();

/** The case's own category first; without one, the classifier's top three (with confidences) first. */
function categoryChoices(state: CaseState, all: { code: string; name: string }[]): CategoryChoice[] {
  if (state.category)
    return [...all].sort((a, b) => (a.code === state.category ? -1 : b.code === state.category ? 1 : 0));
  const codes = new Map(all.map((k) => [k.name, k.code]));
  const suggestions = suggestCategories(`${state.title}${state.body}`, codes);
  const first = suggestions.flatMap((s) =>
    all.filter((k) => k.code === s.category).map((k) => ({ ...k, confidence: s.confidence })),
  );
  return [...first, ...all.filter((k) => !first.some((f) => f.code === k.code))];
}

/**
 * A case the person may see, read from its durable object (the read model may lag a moment behind
 * an action just taken), or null: another department's case is "not found", never "forbidden".
 */
async function visibleCase(env: AssignmentEnv, staff: DeskEnv["Variables"]["staff"], raw: string) {
  const trackingNo = normalizeTrackingNo(raw);
  const row = trackingNo ? await findCaseByTrackingNo(env.DB, trackingNo) : null;
  const view = row ? await caseRecord(env, row.caseId).staffView() : null;
  return view && can(staff, "case.view", view.state) ? view : null;
}

async function renderCase(
  c: Context<DeskEnv>,
  trackingNo: string,
  extra: { error?: string; done?: string; status?: 200 | 400 | 403 | 404 | 409 | 422 },
) {
  const view = await visibleCase(c.env, c.get("staff"), trackingNo);
  if (!view) return c.text("没有这个留言 / no such case", 404);
  const [names, departments, meta, duplicates] = await Promise.all([
    departmentNames(c.env.DB),
    listDepartments(c.env.DB),
    loadMeta(c.env.DB),
    duplicatesOf(c.env.DB, view.state.caseId),
  ]);
  const labels = {
    category: view.state.category
      ? (meta.categories.find((x) => x.code === view.state.category)?.name ?? view.state.category)
      : null,
    region: meta.regions.find((r) => r.code === view.state.regionCode)?.name ?? view.state.regionCode,
  };
  const page = (
    <CaseDeskPage
      staff={c.get("staff")}
      clocks={view.clocks}
      labels={labels}
      duplicates={duplicates}
      categories={categoryChoices(view.state, meta.categories)}
      state={view.state}
      petitioner={view.petitioner}
      events={view.events}
      names={names}
      departments={departments}
      error={extra.error}
      done={extra.done}
    />
  );
  return c.html(page, extra.status ?? 200);
}

caseDesk.get("/:trackingNo", (c) => renderCase(c, c.req.param("trackingNo"), { done: c.req.query("done") }));

caseDesk.post(
  "/:trackingNo/do/:command",
  formValidator(commandForm, (c) =>
    renderCase(c, c.req.param("trackingNo") ?? "", {
      error: consoleText().incompleteForm,
      status: 400,
    }),
  ),
  async (c) => {
    const staff = c.get("staff");
    const view = await visibleCase(c.env, staff, c.req.param("trackingNo"));
    if (!view) return c.text("没有这个留言 / no such case", 404);
    const row = view.state;
    const { command, key, confirmed } = c.req.valid("form");
    const problem = await referenceProblem(c.env.DB, command, row.trackingNo);
    if (problem) return renderCase(c, row.trackingNo, { error: problem, status: 400 });
    if (needsConfirmation(row, command, confirmed))
      return renderCase(c, row.trackingNo, { error: consoleText().confirmFlaggedNeeded, status: 409 });
    try {
      await runCommand(c.env, row.caseId, {
        idempotencyKey: `desk:${staff.userId}:${key ?? crypto.randomUUID()}`,
        actor: { role: staff.role, userId: staff.userId, departmentId: staff.departmentId },
        command,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return renderCase(c, row.trackingNo, { error: error.message, status: error.status === 403 ? 403 : error.status });
    }
    return c.redirect(`/console/cases/${row.trackingNo}?done=${command.name}`, 303);
  },
);
