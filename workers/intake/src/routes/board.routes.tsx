import { Hono } from "hono";
import { currentPeriod } from "../../../../shared/clocks/period";
import { loadMeta } from "../../../../shared/db/case-queries";
import { nameLists } from "../../../../shared/db/opinion-queries";
import { type Dict, localHref, portalLang, text } from "../../../../shared/ui/i18n";
import {
  type BoardQuery,
  boardQuerySchema,
  type Cursor,
  countNonPublic,
  encodeCursor,
  readBoard,
} from "../board-queries";
import { searchTranscripts } from "../interviews/interview-queries";
import { type BoardField, BoardPage, type BoardPageProps, type BoardValues } from "../pages/board-page";
import { publicDepartments } from "../public-queries";

/** 公开留言板 (GET /board): filters, word search and keyset pages; a bad parameter re-renders the form with its message. */
export const board = new Hono<{ Bindings: IntakeEnv }>();

const FIELDS: BoardField[] = ["q", "department", "category", "region", "type", "state", "month", "sort"];
const MESSAGES: Record<string, keyof Dict> = {
  q: "errQ",
  department: "errDepartment",
  category: "errCategory",
  region: "errRegion",
  type: "errType",
  state: "errState",
  month: "errMonth",
  sort: "errSort",
  after: "errCursor",
  before: "errCursor",
};

board.get("/", async (c) => {
  const lang = portalLang();
  const t = text(lang);
  const [meta, departments, searchable] = await Promise.all([
    loadMeta(c.env.DB),
    publicDepartments(c.env.DB),
    nameLists(c.env.DB),
  ]);
  const options = {
    departments: departments.map((d) => ({ id: d.id, name: d.name })),
    categories: meta.categories,
    regions: meta.regions,
  };
  const names = {
    departments: new Map(departments.map((d) => [d.id, d.name])),
    regions: new Map(meta.regions.map((r) => [r.code, r.name])),
  };
  const raw = c.req.query();
  const values: BoardValues = Object.fromEntries(
    FIELDS.filter((f) => typeof raw[f] === "string").map((f) => [f, raw[f]]),
  );
  const parsed = boardQuerySchema({
    departments: new Set(options.departments.map((d) => d.id)),
    categories: new Set(meta.categories.map((x) => x.code)),
    regions: new Set(meta.regions.map((x) => x.code)),
    ...searchable,
  }).safeParse(raw);

  const page = (props: Partial<BoardPageProps>, status: 200 | 400) =>
    c.html(
      <BoardPage
        options={options}
        values={values}
        errors={{}}
        cases={[]}
        prevHref={null}
        nextHref={null}
        nonPublic={null}
        names={names}
        {...props}
      />,
      status,
    );

  if (!parsed.success) {
    const errors: BoardPageProps["errors"] = {};
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? "");
      const key = MESSAGES[field];
      if (!key) continue;
      const slot = field === "after" || field === "before" ? "page" : (field as BoardField);
      errors[slot] = String(t[key]);
    }
    return page({ errors }, 400);
  }

  const query = parsed.data;
  const period = query.month ?? currentPeriod();
  const [result, nonPublic, transcripts] = await Promise.all([
    readBoard(c.env.DB, query),
    countNonPublic(c.env.DB, query, period),
    // The first page of a word search also looks in the 在线访谈 transcripts.
    query.q && !query.after && !query.before ? searchTranscripts(c.env.DB, query.q) : Promise.resolve([]),
  ]);
  const href = (cursor: Cursor, direction: "after" | "before") =>
    localHref(`/board?${pageQuery(query, direction, cursor)}`, lang);
  c.header("Cache-Control", "public, max-age=60");
  return page(
    {
      cases: result.cases,
      prevHref: result.prev ? href(result.prev, "before") : null,
      nextHref: result.next ? href(result.next, "after") : null,
      nonPublic: { n: nonPublic, period, thisMonth: query.month === undefined },
      transcripts,
    },
    200,
  );
});

/** The filters as given, plus the cursor of the neighbouring page. */
function pageQuery(query: BoardQuery, direction: "after" | "before", cursor: Cursor): string {
  const params = new URLSearchParams();
  for (const field of FIELDS) {
    const value = query[field];
    if (typeof value === "string" && value !== "") params.set(field, value);
  }
  params.set(direction, encodeCursor(cursor));
  return params.toString();
}
