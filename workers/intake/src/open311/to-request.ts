import { toShanghaiIso } from "../../../../shared/clocks/period";
import type { CaseStatus } from "../../../../shared/domain/case-model";
import { STATUS_LABELS } from "../../../../shared/ui/labels";
import { publicView } from "../case-views";
import type { Format, XmlValue } from "./format";
import type { Names, RequestRow } from "./open311-queries";

/** Our states GeoReport calls closed: nothing more will happen to the case (refused or merged ones included). */
const CLOSED: readonly string[] = ["closed", "rejected", "merged"];
/** Before assignment the case's due date is the dispatcher's; the reply is due only once a department has it. */
const NO_REPLY_CLOCK: readonly string[] = ["submitted", "held", "accepted", "rejected", "merged"];

/**
 * A case as a GeoReport service request, built from the public view (the allow-list every public
 * face uses), so it shows what the case page shows and no more: the text only when the public view
 * has it, masked; the place as the region's name only. Never the petitioner, the case's own address,
 * coordinates or media (we keep none of the last two).
 *
 * `extended_attributes` (Wenzheng's own state, 附议 count, merge target, page) is in JSON only: the
 * spec's XML has a fixed element set that XML clients validate against, while JSON clients skip keys
 * they do not know (the convention FixMyStreet's extensions follow).
 */
export function toRequest(row: RequestRow, names: Names, origin: string, format: Format): Record<string, XmlValue> {
  const view = publicView(row, [], names.departments);
  const request: Record<string, XmlValue> = {
    service_request_id: view.trackingNo,
    status: CLOSED.includes(view.status) ? "closed" : "open",
    status_notes: statusNotes(view),
    service_name: view.category ? (names.categories.get(view.category) ?? view.category) : null,
    service_code: view.category,
    description: descriptionOf(view),
    agency_responsible: view.department?.name ?? null,
    requested_datetime: view.submittedAt,
    updated_datetime: toShanghaiIso(row.updatedAt),
    expected_datetime: NO_REPLY_CLOCK.includes(view.status) ? null : view.dueAt,
    address: names.regions.get(view.regionCode) ?? view.regionCode,
  };
  if (format === "json")
    request.extended_attributes = {
      wenzheng_status: view.status,
      supporters: view.supporters,
      merged_into: view.mergedInto,
      case_url: `${origin}/cases/${view.trackingNo}`,
    };
  return request;
}

type View = ReturnType<typeof publicView>;

/** Title and body as one text, the title left out when the body starts with it (a title cut from the description). */
function descriptionOf(view: View): string | null {
  if (view.title === undefined || view.body === undefined) return null;
  return view.body.startsWith(view.title) ? view.body : `${view.title}\n${view.body}`;
}

/** The published reply (masked) when there is one; else the refusal's reason, the merge, or the state in words. */
function statusNotes(view: View): string {
  if (view.reply) return view.reply.text;
  if (view.publicReason) return `${STATUS_LABELS.rejected.zh}：${view.publicReason}`;
  if (view.mergedInto) return `${STATUS_LABELS.merged.zh}，后续办理见 ${view.mergedInto}`;
  return STATUS_LABELS[view.status as CaseStatus]?.zh ?? view.status;
}
