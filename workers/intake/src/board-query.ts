import * as z from "zod";
import { MESSAGE_TYPES } from "../../../shared/domain/case-model";
import { maskPersonalData } from "../../../shared/routing/mask";
import { extractTerms, normaliseText } from "../../../shared/scoring/opinion";
import { LISTED_COLUMNS, type ListedCase, monthRange, NOT_PUBLIC, PUBLISHED } from "./public-queries";

/**
 * The public board's query: validated filters, word search through the opinion analysis's per-case
 * terms, and keyset pages over (submitted_at, case_id), newest first.
 */

export const PAGE_SIZE = 20;
export const BOARD_STATES = ["handling", "replied", "closed"] as const;
export type BoardState = (typeof BOARD_STATES)[number];
const STATE_SQL: Record<BoardState, string> = {
  handling: "c.status IN ('accepted', 'assigned', 'acknowledged', 'returned', 'reopened')",
  replied: "c.status = 'replied'",
  closed: "c.status = 'closed'",
};
/** Terms are indexed hourly; a day's window of titles is searched directly so a new message is found at once. */
export const FRESH_WINDOW_MS = 24 * 3600_000;
const FRESH_CANDIDATES = 200;
const MAX_TERMS = 4;

export interface Cursor {
  submittedAt: string;
  caseId: string;
}

const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?Z)~([0-9A-Za-z_-]{1,64})$/;
export const encodeCursor = (c: Cursor) => `${c.submittedAt}~${c.caseId}`;
const CursorParam = z.string().transform((v, ctx) => {
  const m = CURSOR.exec(v);
  if (!m?.[1] || !m[2]) {
    ctx.addIssue({ code: "custom", message: "bad cursor" });
    return z.NEVER;
  }
  return { submittedAt: m[1], caseId: m[2] };
});

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blank, schema.optional());
const oneOf = (known: ReadonlySet<string>) => z.string().refine((v) => known.has(v));

export interface BoardOptions {
  departments: ReadonlySet<string>;
  categories: ReadonlySet<string>;
  regions: ReadonlySet<string>;
  /** Place and organisation names, kept whole when the query is split into words (as the indexer does). */
  places: readonly string[];
  organisations: readonly string[];
}

/** Every query parameter of /board; a bad one is reported by name, never answered with a 500. */
export function boardQuerySchema(options: BoardOptions) {
  return z
    .object({
      q: optional(z.string().trim().max(50)),
      department: optional(oneOf(options.departments)),
      category: optional(oneOf(options.categories)),
      region: optional(oneOf(options.regions)),
      type: optional(z.enum(MESSAGE_TYPES)),
      state: optional(z.enum(BOARD_STATES)),
      month: optional(z.string().regex(/^20\d\d-(0[1-9]|1[0-2])$/)),
      after: optional(CursorParam),
      before: optional(CursorParam),
      lang: z.enum(["zh", "en"]).optional().catch(undefined),
    })
    .transform((v, ctx) => {
      const terms = v.q ? extractTerms(v.q, options.places, options.organisations).slice(0, MAX_TERMS) : [];
      if (v.q && terms.length === 0) ctx.addIssue({ code: "custom", path: ["q"], message: "no searchable word" });
      if (v.after && v.before) ctx.addIssue({ code: "custom", path: ["after"], message: "after and before together" });
      return { ...v, terms };
    });
}
export type BoardQuery = z.output<ReturnType<typeof boardQuerySchema>>;
export type BoardFilters = Omit<BoardQuery, "lang">;

/** The structured filters (not the words) as SQL over `cases c`: shared by the list and the private count. */
function filterSql(f: BoardFilters): { where: string[]; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const equal = (column: string, value: string | undefined) => {
    if (value === undefined) return;
    where.push(`${column} = ?`);
    params.push(value);
  };
  equal("c.department_id", f.department);
  equal("c.category", f.category);
  equal("c.region_code", f.region);
  equal("c.type", f.type);
  if (f.state) where.push(STATE_SQL[f.state]);
  if (f.month) {
    const { from, to } = monthRange(f.month);
    where.push("c.submitted_at >= ? AND c.submitted_at < ?");
    params.push(from, to);
  }
  return { where, params };
}

/**
 * One page of published cases. With words, the candidates are the cases indexed under every word
 * (INTERSECT over the (term, case_id) index) plus `freshIds`, and each is confirmed against its
 * case row (public, published, the filters). `before` reads the previous page in ascending order.
 */
export function boardSql(f: BoardFilters, freshIds: readonly string[] = []): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  let from = "cases c";
  if (f.terms.length > 0) {
    const byTerm = f.terms.map(() => "SELECT case_id FROM opinion_case_terms WHERE term = ?").join(" INTERSECT ");
    params.push(...f.terms, JSON.stringify(freshIds));
    // CROSS JOIN keeps the candidates as the outer loop: a rare word never walks the whole board.
    from = `(${byTerm} UNION SELECT value FROM json_each(?)) AS k CROSS JOIN cases c ON c.case_id = k.case_id`;
  }
  const filters = filterSql(f);
  const where = [PUBLISHED, ...filters.where];
  params.push(...filters.params);
  const cursor = f.before ?? f.after;
  if (cursor) {
    where.push(`(c.submitted_at, c.case_id) ${f.before ? ">" : "<"} (?, ?)`);
    params.push(cursor.submittedAt, cursor.caseId);
  }
  const order = f.before ? "ASC" : "DESC";
  const sql = `SELECT ${LISTED_COLUMNS} FROM ${from} WHERE ${where.join(" AND ")} ORDER BY c.submitted_at ${order}, c.case_id ${order} LIMIT ${PAGE_SIZE + 1}`;
  return { sql, params };
}

/** Private cases are only counted: the structured filters apply, the words never do. */
export function nonPublicCountSql(f: BoardFilters, period: string): { sql: string; params: unknown[] } {
  const filters = filterSql({ ...f, month: period });
  const where = [NOT_PUBLIC, ...filters.where];
  return { sql: `SELECT count(*) AS n FROM cases c WHERE ${where.join(" AND ")}`, params: filters.params };
}

/** Titles of the last day's public cases holding every word, by a LIKE bounded to that day. */
export function freshTitlesSql(terms: readonly string[], since: string): { sql: string; params: unknown[] } {
  const likes = terms.map(() => "c.title LIKE ? ESCAPE '\\'");
  const escaped = terms.map((t) => `%${t.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
  return {
    sql: `SELECT c.case_id AS caseId, c.title FROM cases c WHERE c.is_public = 1 AND c.submitted_at >= ? AND ${likes.join(" AND ")} LIMIT ${FRESH_CANDIDATES}`,
    params: [since, ...escaped],
  };
}

export interface BoardPage {
  cases: ListedCase[];
  /** Cursors of the neighbouring pages, null where there is none. */
  prev: Cursor | null;
  next: Cursor | null;
}

export async function readBoard(db: D1Database, f: BoardFilters, now = Date.now()): Promise<BoardPage> {
  let freshIds: string[] = [];
  if (f.terms.length > 0) {
    const fresh = freshTitlesSql(f.terms, new Date(now - FRESH_WINDOW_MS).toISOString());
    const rows = (
      await db
        .prepare(fresh.sql)
        .bind(...fresh.params)
        .all<{ caseId: string; title: string }>()
    ).results;
    // A word must be in the title as the public sees it: a masked phone number or e-mail is not found.
    freshIds = rows
      .filter((r) => f.terms.every((t) => normaliseText(maskPersonalData(r.title)).includes(t)))
      .map((r) => r.caseId);
  }
  const { sql, params } = boardSql(f, freshIds);
  const rows = (
    await db
      .prepare(sql)
      .bind(...params)
      .all<ListedCase>()
  ).results;
  const more = rows.length > PAGE_SIZE;
  const page = rows.slice(0, PAGE_SIZE);
  if (f.before) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const cursorOf = (c: ListedCase): Cursor => ({ submittedAt: c.submittedAt, caseId: c.caseId });
  return {
    cases: page,
    prev: first && (f.before ? more : f.after !== undefined) ? cursorOf(first) : null,
    next: last && (f.before ? true : more) ? cursorOf(last) : null,
  };
}

export async function countNonPublic(db: D1Database, f: BoardFilters, period: string): Promise<number> {
  const { sql, params } = nonPublicCountSql(f, period);
  return (
    (await db
      .prepare(sql)
      .bind(...params)
      .first<number>("n")) ?? 0
  );
}
