import { and, asc, count, desc, eq, gte, inArray, lt, type SQL, sql } from "drizzle-orm";
import { intersect, union } from "drizzle-orm/sqlite-core";
import * as z from "zod";
import { monthBounds } from "../../../shared/clocks/period";
import { getDb } from "../../../shared/db/case-queries";
import { opinionCaseTerms } from "../../../shared/db/evaluation-schema";
import { MESSAGE_TYPES } from "../../../shared/domain/case-model";
import { maskPersonalData } from "../../../shared/routing/mask";
import { extractTerms, normaliseText } from "../../../shared/scoring/opinion";
import { c, LISTED, type ListedCase, NOT_PUBLIC, PUBLISHED } from "./public-queries";

/**
 * The public board's query: validated filters, word search through the opinion analysis's per-case
 * terms, and keyset pages over (submitted_at, case_id), newest first — or, sorted by 附议, over
 * (supporters, submitted_at, case_id), most supported first.
 */

export const PAGE_SIZE = 20;
export const BOARD_STATES = ["handling", "replied", "closed"] as const;
export type BoardState = (typeof BOARD_STATES)[number];
const STATE_STATUSES: Record<BoardState, string[]> = {
  handling: ["accepted", "assigned", "acknowledged", "returned", "reopened"],
  replied: ["replied"],
  closed: ["closed"],
};
/** Terms are indexed hourly; a day's window of titles is searched directly so a new message is found at once. */
export const FRESH_WINDOW_MS = 24 * 3600_000;
const FRESH_CANDIDATES = 200;
const MAX_TERMS = 4;

export const BOARD_SORTS = ["newest", "supporters"] as const;

export interface Cursor {
  /** Only in pages sorted by 附议. */
  supporters?: number;
  submittedAt: string;
  caseId: string;
}

const CURSOR = /^(?:(\d{1,9})~)?(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,3})?Z)~([0-9A-Za-z_-]{1,64})$/;
export const encodeCursor = (c: Cursor) =>
  `${c.supporters === undefined ? "" : `${c.supporters}~`}${c.submittedAt}~${c.caseId}`;
const CursorParam = z.string().transform((v, ctx): Cursor => {
  const m = CURSOR.exec(v);
  if (!m?.[2] || !m[3]) {
    ctx.addIssue({ code: "custom", message: "bad cursor" });
    return z.NEVER;
  }
  return { ...(m[1] === undefined ? {} : { supporters: Number(m[1]) }), submittedAt: m[2], caseId: m[3] };
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
      sort: optional(z.enum(BOARD_SORTS)),
      after: optional(CursorParam),
      before: optional(CursorParam),
      lang: z.enum(["zh", "en"]).optional().catch(undefined),
    })
    .transform((v, ctx) => {
      const terms = v.q ? extractTerms(v.q, options.places, options.organisations).slice(0, MAX_TERMS) : [];
      if (v.q && terms.length === 0) ctx.addIssue({ code: "custom", path: ["q"], message: "no searchable word" });
      if (v.after && v.before) ctx.addIssue({ code: "custom", path: ["after"], message: "after and before together" });
      const cursor = v.after ?? v.before;
      // A cursor carries the count exactly when the pages are sorted by it.
      if (cursor && (cursor.supporters !== undefined) !== (v.sort === "supporters"))
        ctx.addIssue({ code: "custom", path: [v.after ? "after" : "before"], message: "cursor of another order" });
      return { ...v, terms };
    });
}
export type BoardQuery = z.output<ReturnType<typeof boardQuerySchema>>;
export type BoardFilters = Omit<BoardQuery, "lang">;

/** The structured filters (not the words) over `cases c`: shared by the list and the private count. */
function filters(f: BoardFilters): (SQL | undefined)[] {
  const month = f.month ? monthBounds(f.month) : null;
  return [
    f.department === undefined ? undefined : eq(c.departmentId, f.department),
    f.category === undefined ? undefined : eq(c.category, f.category),
    f.region === undefined ? undefined : eq(c.regionCode, f.region),
    f.type === undefined ? undefined : eq(c.type, f.type),
    f.state ? inArray(c.status, STATE_STATUSES[f.state]) : undefined,
    month ? and(gte(c.submittedAt, month.from), lt(c.submittedAt, month.to)) : undefined,
  ];
}

/**
 * One page of published cases. With words, the candidates are the cases indexed under every word
 * (INTERSECT over the (term, case_id) index) plus `freshIds`, and each is confirmed against its
 * case row (public, published, the filters). `before` reads the previous page in ascending order.
 */
export function boardQuery(db: D1Database, f: BoardFilters, freshIds: readonly string[] = []) {
  const d = getDb(db);
  const cursor = f.before ?? f.after;
  const bySupporters = f.sort === "supporters";
  const keys = bySupporters ? [c.supporters, c.submittedAt, c.caseId] : [c.submittedAt, c.caseId];
  const at = cursor && [...(bySupporters ? [cursor.supporters ?? 0] : []), cursor.submittedAt, cursor.caseId];
  const where = and(
    PUBLISHED,
    ...filters(f),
    // A row value compares the keys as the index orders them; drizzle has no operator for it.
    at &&
      sql`(${sql.join(keys, sql`, `)}) ${sql.raw(f.before ? ">" : "<")} (${sql.join(
        at.map((v) => sql`${v}`),
        sql`, `,
      )})`,
  );
  const order = f.before ? asc : desc;
  const orderBy = keys.map((k) => order(k));
  const [first, second, ...rest] = f.terms.map((term) =>
    d.select({ caseId: opinionCaseTerms.caseId }).from(opinionCaseTerms).where(eq(opinionCaseTerms.term, term)),
  );
  if (!first) {
    return d
      .select(LISTED)
      .from(c)
      .where(where)
      .orderBy(...orderBy)
      .limit(PAGE_SIZE + 1);
  }
  // json_each is a table-valued function, which drizzle can only name as SQL.
  const fresh = d.select({ caseId: sql<string>`value` }).from(sql`json_each(${JSON.stringify(freshIds)})`);
  // SQLite's compound selects bind left to right: (t1 INTERSECT t2 …) UNION fresh.
  const candidates = (second ? union(intersect(first, second, ...rest), fresh) : union(first, fresh)).as("k");
  // CROSS JOIN keeps the candidates as the outer loop: a rare word never walks the whole board.
  return d
    .select(LISTED)
    .from(candidates)
    .crossJoin(c)
    .where(and(eq(c.caseId, candidates.caseId), where))
    .orderBy(...orderBy)
    .limit(PAGE_SIZE + 1);
}

/** Private cases are only counted: the structured filters apply, the words never do. */
export function nonPublicCountQuery(db: D1Database, f: BoardFilters, period: string) {
  return getDb(db)
    .select({ n: count() })
    .from(c)
    .where(and(NOT_PUBLIC, ...filters({ ...f, month: period })));
}

/** Titles of the last day's public cases holding every word, by a LIKE bounded to that day. */
export function freshTitlesQuery(db: D1Database, terms: readonly string[], since: string) {
  const escaped = terms.map((t) => `%${t.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
  return getDb(db)
    .select({ caseId: c.caseId, title: c.title })
    .from(c)
    .where(
      and(
        eq(c.isPublic, true),
        gte(c.submittedAt, since),
        // drizzle's like() has no ESCAPE clause.
        ...escaped.map((pattern) => sql`${c.title} like ${pattern} escape '\\'`),
      ),
    )
    .limit(FRESH_CANDIDATES);
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
    const rows = await freshTitlesQuery(db, f.terms, new Date(now - FRESH_WINDOW_MS).toISOString());
    // A word must be in the title as the public sees it: a masked phone number or e-mail is not found.
    freshIds = rows
      .filter((r) => f.terms.every((t) => normaliseText(maskPersonalData(r.title)).includes(t)))
      .map((r) => r.caseId);
  }
  const rows: ListedCase[] = await boardQuery(db, f, freshIds);
  const more = rows.length > PAGE_SIZE;
  const page = rows.slice(0, PAGE_SIZE);
  if (f.before) page.reverse();
  const first = page[0];
  const last = page.at(-1);
  const cursorOf = (row: ListedCase): Cursor => ({
    ...(f.sort === "supporters" ? { supporters: row.supporters } : {}),
    submittedAt: row.submittedAt,
    caseId: row.caseId,
  });
  return {
    cases: page,
    prev: first && (f.before ? more : f.after !== undefined) ? cursorOf(first) : null,
    next: last && (f.before ? true : more) ? cursorOf(last) : null,
  };
}

export async function countNonPublic(db: D1Database, f: BoardFilters, period: string): Promise<number> {
  const [row] = await nonPublicCountQuery(db, f, period);
  return row?.n ?? 0;
}
