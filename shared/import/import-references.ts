import type { Spokesperson } from "../domain/case-model";
import type { RoutingRule } from "../routing/route";
import type { ParsedImportItem } from "./import-steps";

/** The city's configuration an import is checked against, loaded once per batch. */
export interface ImportReferences {
  regions: ReadonlySet<string>;
  categories: ReadonlySet<string>;
  /** Leader mailbox code → the office that answers it. */
  mailboxes: ReadonlyMap<string, string>;
  /** Departments (deactivated ones too: history names them) → who publishes their replies (null: no spokesperson account with a public title). */
  departments: ReadonlyMap<string, Spokesperson | null>;
  rules: readonly RoutingRule[];
}

export type Resolved =
  | { ok: true; departmentId: string; spokesperson: Spokesperson | null }
  | { ok: false; reason: string };

/**
 * The department a message without one goes to: its leader mailbox's office, else the routing
 * catalogue's rule for its category in its region, else for its category anywhere (`*`).
 */
export function catalogueDepartment(
  item: Pick<ParsedImportItem, "addressee" | "category" | "regionCode">,
  refs: Pick<ImportReferences, "mailboxes" | "rules">,
): string | undefined {
  if (item.addressee) return refs.mailboxes.get(item.addressee);
  if (!item.category) return undefined;
  const rule =
    refs.rules.find((r) => r.category === item.category && r.regionCode === item.regionCode) ??
    refs.rules.find((r) => r.category === item.category && r.regionCode === "*");
  return rule?.departmentId;
}

/**
 * Which department answered an imported message, and who publishes for it: the one the file names,
 * else the leader's office its mailbox belongs to, else the routing catalogue by category and
 * region. A reference the city does not have refuses the message (it is never guessed).
 */
export function resolveImport(item: ParsedImportItem, refs: ImportReferences, nowMs: number): Resolved {
  const refuse = (reason: string): Resolved => ({ ok: false, reason });
  if (Date.parse(item.submittedAt) > nowMs) return refuse("留言时间在将来 / submitted in the future");
  if (item.reply && Date.parse(item.reply.at) > nowMs) return refuse("答复时间在将来 / replied in the future");
  if (!refs.regions.has(item.regionCode)) return refuse(`未知地区 / unknown region ${item.regionCode}`);
  if (item.category && !refs.categories.has(item.category))
    return refuse(`未知类别 / unknown category ${item.category}`);
  if (item.addressee && !refs.mailboxes.has(item.addressee))
    return refuse(`未知领导信箱 / unknown addressee ${item.addressee}`);
  const departmentId = item.departmentId ?? catalogueDepartment(item, refs);
  if (!departmentId)
    return refuse("无承办单位：文件未给出，派单目录也没有对应规则 / no department given, and no routing rule matches");
  if (!refs.departments.has(departmentId)) return refuse(`未知单位 / unknown department ${departmentId}`);
  const spokesperson = refs.departments.get(departmentId) ?? null;
  if (item.reply && !spokesperson)
    return refuse(
      `单位 ${departmentId} 没有网络发言人账号，答复无人发布 / the department has no spokesperson to publish its reply`,
    );
  return { ok: true, departmentId, spokesperson };
}
