import { eq, inArray } from "drizzle-orm";
import { findCaseByTrackingNo, getDb } from "../../../../shared/db/case-queries";
import { categories, departments } from "../../../../shared/db/schema";
import type { CaseCommand } from "../../../../shared/domain/commands";
import { normalizeTrackingNo } from "../../../../shared/domain/ids";
import type { Staff } from "./session";

/**
 * What a command names must exist: departments for an assignment, a live case for a merge.
 * A forged form would otherwise park a case in no inbox, or merge it into nothing.
 */
export async function referenceProblem(
  db: D1Database,
  command: CaseCommand,
  selfTrackingNo: string,
): Promise<string | null> {
  if (command.name === "assign") {
    if (
      command.category &&
      !(await getDb(db).select({ code: categories.code }).from(categories).where(eq(categories.code, command.category)))
        .length
    )
      return "没有这个分类。";
    const ids = [command.departmentId, ...command.coDepartmentIds];
    const found = await getDb(db).select({ id: departments.id }).from(departments).where(inArray(departments.id, ids));
    return found.length === new Set(ids).size ? null : "没有这个单位。";
  }
  if (command.name === "merge") {
    const target = normalizeTrackingNo(command.intoTrackingNo);
    const row = target && target !== selfTrackingNo ? await findCaseByTrackingNo(db, target) : null;
    return row && !["merged", "rejected"].includes(row.status) ? null : "合并目标不存在或已失效，请核对留言编号。";
  }
  return null;
}

type FormBody = Record<string, string | File | (string | File)[]>;

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : undefined);
const list = (v: unknown) =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x): x is string => typeof x === "string" && x !== "");

/**
 * Maps a console form to the command's shape; `CaseCommand` then validates it strictly. The
 * spokesperson's public name and title come from their account, never from the form.
 */
export function commandFromForm(name: string, form: FormBody, staff: Staff): unknown {
  switch (name) {
    case "assign":
      return {
        name,
        departmentId: text(form.departmentId),
        coDepartmentIds: list(form.coDepartmentIds).filter((d) => d !== form.departmentId),
        note: text(form.note),
        category: text(form.category),
      };
    case "decideExtension":
      return {
        name,
        approved: form.approved === "yes" ? true : form.approved === "no" ? false : undefined,
        note: text(form.note),
      };
    case "requestExtension":
      return { name, reason: text(form.reason), workingDays: Number(form.workingDays) };
    case "draftReply":
      return { name, text: text(form.text), outcome: text(form.outcome), outcomeNote: text(form.outcomeNote) };
    case "publishReply":
      return {
        name,
        spokesperson: { name: staff.displayName, title: staff.publicTitle ?? "网络发言人" },
        draftedAt: text(form.draftedAt),
      };
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
      return {
        name,
        intoTrackingNo: normalizeTrackingNo(text(form.intoTrackingNo) ?? "") ?? text(form.intoTrackingNo),
      };
    case "accept":
    case "acknowledge":
    case "close":
      return { name };
    default:
      return { name: "unknown" };
  }
}
