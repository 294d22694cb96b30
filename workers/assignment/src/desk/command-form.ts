import type { Context } from "hono";
import * as z from "zod";
import { findCaseByTrackingNo } from "../../../../shared/db/case-queries";
import { CaseCommand } from "../../../../shared/domain/commands";
import { normalizeTrackingNo } from "../../../../shared/domain/ids";
import { categoryExists, knownDepartments } from "./desk-queries";
import type { DeskEnv, Staff } from "./session";

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
    if (command.category && !(await categoryExists(db, command.category))) return "没有这个分类。";
    const ids = [command.departmentId, ...command.coDepartmentIds];
    const found = await knownDepartments(db, ids);
    return found.size === new Set(ids).size ? null : "没有这个单位。";
  }
  if (command.name === "merge") {
    const target = normalizeTrackingNo(command.intoTrackingNo);
    const row = target && target !== selfTrackingNo ? await findCaseByTrackingNo(db, target) : null;
    return row && !["merged", "rejected"].includes(row.status) ? null : "合并目标不存在或已失效，请核对留言编号。";
  }
  return null;
}

type FormBody = Record<string, unknown>;

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

/**
 * A case page's action form, for the command the URL names: `CaseCommand` checks what the form
 * maps to, and `_key` (the form's own, when it has a usable one) makes a resubmission a no-op.
 * `confirmed`: the publish form's "publish as it is" box, ticked for a draft the reply check flagged.
 */
export const commandForm = (c: Context<DeskEnv>) =>
  z
    .record(z.string(), z.unknown())
    .transform((form) => ({
      key: typeof form._key === "string" && form._key.length >= 16 ? form._key : null,
      command: commandFromForm(c.req.param("command") ?? "", form, c.get("staff")),
      confirmed: form.confirmFlagged === "yes",
    }))
    .pipe(z.object({ key: z.string().nullable(), command: CaseCommand, confirmed: z.boolean() }));
