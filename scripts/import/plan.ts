import { MESSAGE_TYPES, type MessageType, OUTCOMES, type Outcome } from "../../shared/domain/case-model";
import { ImportItem, type ImportMeta } from "../../shared/import/import-item.schema";
import { OUTCOME_LABELS, TYPE_LABELS } from "../../shared/ui/labels";
import type { BoardRow } from "./board-row";
import { findPlace, type Mapping } from "./mapping";
import { parseBoardTime } from "./times";

/**
 * Row → ImportItem, or a refusal naming the row and why. Pure: the same rows, mapping and `now`
 * give the same plan, so a dry run shows exactly what an import would send. Nothing is truncated
 * or guessed: a value that does not fit is refused, the whole row with it (a row is one case).
 */
export const REFUSAL_REASONS = {
  bad_record: "broken record / 记录格式错误",
  missing_id: "no message id / 缺少留言编号",
  duplicate_id: "message id seen before / 留言编号重复",
  bad_time: "bad time / 时间无法识别",
  reply_before_message: "reply before the message / 答复早于留言",
  bad_title: "title empty or out of 5–100 characters / 标题长度不符",
  bad_body: "text empty or out of 10–4,000 characters / 内容长度不符",
  bad_reply: "reply incomplete or out of 10–4,000 characters / 答复不完整或长度不符",
  unknown_region: "unknown region / 无法确定地区",
  bad_value: "value not understood / 取值无法识别",
  unknown_reference: "not in this city's configuration / 本市配置中不存在",
  server_refused: "refused by the server / 服务器拒收",
} as const;
export type RefusalReason = keyof typeof REFUSAL_REASONS;

export interface Refusal {
  kind: "refusal";
  file: string;
  row: number;
  messageId: string;
  reason: RefusalReason;
  detail: string;
}

export interface Planned {
  kind: "item";
  file: string;
  row: number;
  item: ImportItem & { submittedAt: string; regionCode: string };
}

export interface PlanContext {
  mapping: Mapping;
  now: number;
  /** The classifier's category code for a text, when it can name one the city has. */
  suggestCategory?: (text: string) => string | undefined;
  /** The city's configuration; without it references go unchecked (the server still checks them). */
  meta?: ImportMeta;
}

/** Where the answering department signs off: the last lines of a reply name it far more often than the rest. */
const REPLY_TAIL = 300;

/** Strips the padding boards put around lines (tabs, blank lines) without touching the words. */
export function cleanText(text: string): string {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "")
    .join("\n");
}

const TYPE_BY_ZH = new Map(Object.entries(TYPE_LABELS).map(([code, l]) => [l.zh, code]));
const OUTCOME_BY_ZH = new Map(Object.entries(OUTCOME_LABELS).map(([code, l]) => [l.zh, code]));
const isType = (v: string): v is MessageType => (MESSAGE_TYPES as readonly string[]).includes(v);
const isOutcome = (v: string): v is Outcome => (OUTCOMES as readonly string[]).includes(v);
const BOOLEAN = new Map([
  ...["true", "1", "是", "yes"].map((v) => [v, true] as const),
  ...["false", "0", "否", "no"].map((v) => [v, false] as const),
]);

class Refuse extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly detail: string,
  ) {
    super(detail);
  }
}

const present = (v: string | undefined): v is string => v !== undefined && v.trim() !== "";

function count(raw: string | undefined, what: string): number {
  if (!present(raw)) return 0;
  if (!/^\d{1,7}$/.test(raw.trim())) throw new Refuse("bad_value", `${what} "${raw.trim()}" is not a whole number`);
  return Number(raw.trim());
}

function lengthCheck(text: string, min: number, max: number, reason: RefusalReason, what: string): void {
  if (text.length < min || text.length > max)
    throw new Refuse(reason, `${what} has ${text.length} characters (allowed ${min}–${max})`);
}

function timeOf(raw: string, what: string, now: number): { iso: string; ms: number } {
  const t = parseBoardTime(raw, now);
  if (!t.ok) throw new Refuse("bad_time", `${what}: ${t.problem}`);
  return t;
}

function replyOf(row: BoardRow, submittedMs: number, now: number): ImportItem["reply"] {
  const text = cleanText(row.replyText ?? "");
  const hasAt = present(row.replyAt);
  if (text === "" && !hasAt) return undefined;
  if (text === "" || !hasAt)
    throw new Refuse("bad_reply", text === "" ? "a reply time without a reply" : "a reply without a time");
  const at = timeOf(row.replyAt ?? "", "reply time", now);
  if (at.ms < submittedMs) throw new Refuse("reply_before_message", `reply at ${at.iso} is before the message`);
  lengthCheck(text, 10, 4000, "bad_reply", "the reply");
  const raw = present(row.replyOutcome) ? row.replyOutcome.trim() : "explained";
  const outcome = OUTCOME_BY_ZH.get(raw) ?? raw;
  if (!isOutcome(outcome)) throw new Refuse("bad_value", `reply_outcome "${raw}" is not one of ${OUTCOMES.join(", ")}`);
  return { text, at: at.iso, outcome };
}

function regionOf(row: BoardRow, mapping: Mapping, text: string): string {
  if (present(row.regionCode)) {
    const code = row.regionCode.trim();
    if (!/^\d{6}$/.test(code)) throw new Refuse("bad_value", `region_code "${code}" is not a six-digit code`);
    return code;
  }
  if (present(row.place)) {
    const place = row.place.trim();
    const code = mapping.places.find(([name]) => name === place)?.[1] ?? findPlace(mapping, place);
    if (!code) throw new Refuse("unknown_region", `place "${place}" is not in the mapping`);
    return code;
  }
  const found = findPlace(mapping, text) ?? mapping.defaultRegion;
  if (!found) throw new Refuse("unknown_region", "no mapped place in the title or text and no defaultRegion");
  return found;
}

function typeOf(row: BoardRow, mapping: Mapping, title: string): MessageType {
  if (present(row.type)) {
    const raw = row.type.trim();
    const type = isType(raw) ? raw : TYPE_BY_ZH.get(raw);
    if (!type || !isType(type)) throw new Refuse("bad_value", `type "${raw}" is not a message type`);
    return type;
  }
  return mapping.types.find((r) => r.test(title))?.type ?? mapping.defaultType;
}

function departmentOf(row: BoardRow, mapping: Mapping, text: string, reply: string | undefined): string | undefined {
  if (present(row.department)) return row.department.trim();
  const tail = reply?.slice(-REPLY_TAIL);
  const rule = (tail && mapping.departments.find((r) => r.test(tail))) || mapping.departments.find((r) => r.test(text));
  return rule ? rule.departmentId : undefined;
}

function checkReferences(item: Planned["item"], meta: ImportMeta): void {
  const missing = (what: string, value: string) =>
    new Refuse("unknown_reference", `${what} "${value}" is not configured`);
  if (!meta.regions.some((r) => r.code === item.regionCode)) throw missing("region", item.regionCode);
  if (item.addressee && !meta.addressees.some((a) => a.code === item.addressee))
    throw missing("addressee", item.addressee);
  if (item.category && !meta.categories.some((c) => c.code === item.category)) throw missing("category", item.category);
  if (item.departmentId) {
    const d = meta.departments.find((x) => x.id === item.departmentId);
    if (!d) throw missing("department", item.departmentId);
    if (item.reply && !d.spokesperson)
      throw new Refuse("unknown_reference", `department "${d.id}" has no spokesperson to publish the reply`);
  }
}

const FIELD_REASON: Record<string, RefusalReason> = { title: "bad_title", body: "bad_body", reply: "bad_reply" };

export function planRow(row: BoardRow, ctx: PlanContext): Planned | Refusal {
  const refusal = (reason: RefusalReason, detail: string): Refusal => ({
    kind: "refusal",
    file: row.file,
    row: row.row,
    messageId: row.messageId,
    reason,
    detail,
  });
  try {
    if (row.problem) throw new Refuse("bad_record", row.problem);
    if (row.messageId === "") throw new Refuse("missing_id", "the message id is empty");
    if (row.messageId.length > 64) throw new Refuse("bad_value", "the message id is longer than 64 characters");
    const submitted = timeOf(row.submittedAt, "message time", ctx.now);
    const reply = replyOf(row, submitted.ms, ctx.now);
    const title = cleanText(row.title).replace(/\s+/g, " ");
    const body = cleanText(row.body);
    lengthCheck(title, 5, 100, "bad_title", "the title");
    lengthCheck(body, 10, 4000, "bad_body", "the text");
    const text = `${title}\n${body}`;
    const isPublic = present(row.isPublic) ? BOOLEAN.get(row.isPublic.trim().toLowerCase()) : true;
    if (isPublic === undefined) throw new Refuse("bad_value", `is_public "${row.isPublic}" is not true or false`);
    const item: Planned["item"] = {
      messageId: row.messageId,
      submittedAt: submitted.iso,
      type: typeOf(row, ctx.mapping, title),
      title,
      body,
      regionCode: regionOf(row, ctx.mapping, text),
      addressee: present(row.addressee)
        ? row.addressee.trim()
        : ctx.mapping.addressees.find((r) => r.test(body) || r.test(title))?.addressee,
      category: present(row.category) ? row.category.trim() : ctx.suggestCategory?.(text),
      departmentId: departmentOf(row, ctx.mapping, text, reply?.text),
      isPublic,
      supporters: count(row.supporters, "supporters"),
      reply,
    };
    for (const key of ["addressee", "category", "departmentId", "reply"] as const)
      if (item[key] === undefined) delete item[key];
    if (ctx.meta) checkReferences(item, ctx.meta);
    const parsed = ImportItem.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = String(issue?.path[0] ?? "");
      throw new Refuse(FIELD_REASON[field] ?? "bad_value", `${field || "row"}: ${issue?.message ?? "invalid"}`);
    }
    return { kind: "item", file: row.file, row: row.row, item };
  } catch (error) {
    if (error instanceof Refuse) return refusal(error.reason, error.detail);
    throw error;
  }
}

export interface Plan {
  items: Planned[];
  refusals: Refusal[];
  rows: number;
  /** 反对数 summed over importable rows: reported, never sent (a case has no "against" count). */
  against: number;
}

/** Plans every row of every file; a message id seen in an earlier row is refused, not sent twice. */
export function planRows(rows: readonly BoardRow[], ctx: PlanContext): Plan {
  const plan: Plan = { items: [], refusals: [], rows: rows.length, against: 0 };
  const seen = new Map<string, BoardRow>();
  for (const row of rows) {
    const first = row.messageId ? seen.get(row.messageId) : undefined;
    if (first) {
      plan.refusals.push({
        kind: "refusal",
        file: row.file,
        row: row.row,
        messageId: row.messageId,
        reason: "duplicate_id",
        detail: `also at ${first.file} row ${first.row}`,
      });
      continue;
    }
    if (row.messageId) seen.set(row.messageId, row);
    const planned = planRow(row, ctx);
    if (planned.kind === "refusal") plan.refusals.push(planned);
    else {
      plan.items.push(planned);
      plan.against += /^\d+$/.test(row.against?.trim() ?? "") ? Number(row.against?.trim()) : 0;
    }
  }
  return plan;
}
