import type { Staff } from "./session";

type FormBody = Record<string, string | File | (string | File)[]>;

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);
const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string" && x !== "");

/**
 * Maps a console form to the command's shape; `CaseCommand` then validates it strictly. The
 * spokesperson's public name and title come from their account, never from the form.
 */
export function commandFromForm(name: string, form: FormBody, staff: Staff): unknown {
  switch (name) {
    case "assign":
      return { name, departmentId: text(form.departmentId), coDepartmentIds: list(form.coDepartmentIds).filter((d) => d !== form.departmentId), note: text(form.note) };
    case "decideExtension":
      return { name, approved: form.approved === "yes" ? true : form.approved === "no" ? false : undefined, note: text(form.note) };
    case "requestExtension":
      return { name, reason: text(form.reason), workingDays: Number(form.workingDays) };
    case "draftReply":
      return { name, text: text(form.text), outcome: text(form.outcome), outcomeNote: text(form.outcomeNote) };
    case "publishReply":
      return { name, spokesperson: { name: staff.displayName, title: staff.publicTitle ?? "网络发言人" } };
    case "reject":
    case "hold":
    case "returnCase":
    case "reopen":
      return { name, reason: text(form.reason) };
    case "rejectReturn":
      return { name, note: text(form.note) };
    case "urge":
      return { name, level: text(form.level), note: text(form.note) };
    case "merge":
      return { name, intoTrackingNo: text(form.intoTrackingNo) };
    case "accept":
    case "acknowledge":
    case "close":
      return { name };
    default:
      return { name: "unknown" };
  }
}
