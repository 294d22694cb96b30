import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, type SQL } from "drizzle-orm";
import { departmentNames, getDb, loadMeta } from "../../../../shared/db/case-queries";
import { regions } from "../../../../shared/db/schema";
import { c, PUBLIC_CASE, PUBLISHED } from "../public-queries";

/**
 * The reads behind Open311. Cases are read through the public columns only (PUBLIC_CASE): the
 * petitioner's name, phone, e-mail and address are never selected, so no answer can carry them.
 */

export type RequestRow = Awaited<ReturnType<typeof listRequests>>[number];

export interface RequestFilters {
  serviceCodes?: string[];
  /** UTC instants, both ends included (requested_datetime = submitted_at). */
  from: string;
  to: string;
  statuses?: ("open" | "closed")[];
  page: number;
  pageSize: number;
}

/** One page of published public cases, newest first, over the (is_public, submitted_at) index. */
export function listRequests(db: D1Database, f: RequestFilters) {
  const wantsOpen = f.statuses?.includes("open") ?? true;
  const wantsClosed = f.statuses?.includes("closed") ?? true;
  const status: SQL | undefined =
    wantsOpen && wantsClosed ? undefined : wantsOpen ? ne(c.status, "closed") : eq(c.status, "closed");
  return getDb(db)
    .select(PUBLIC_CASE)
    .from(c)
    .where(
      and(
        PUBLISHED,
        gte(c.submittedAt, f.from),
        lte(c.submittedAt, f.to),
        f.serviceCodes ? inArray(c.category, f.serviceCodes) : undefined,
        status,
      ),
    )
    .orderBy(desc(c.submittedAt), desc(c.caseId))
    .limit(f.pageSize)
    .offset((f.page - 1) * f.pageSize);
}

/** Cases by tracking number, in any state: what the public view of each may show is decided later. */
export function requestsByTrackingNo(db: D1Database, trackingNos: readonly string[]) {
  return getDb(db)
    .select(PUBLIC_CASE)
    .from(c)
    .where(inArray(c.trackingNo, [...trackingNos]));
}

/** The city itself: its top region (the one with no parent), e.g. 620800. */
export async function cityRegionCode(db: D1Database): Promise<string | null> {
  const [row] = await getDb(db)
    .select({ code: regions.code })
    .from(regions)
    .where(and(isNull(regions.parentCode), isNull(regions.deactivatedAt)))
    .orderBy(asc(regions.code))
    .limit(1);
  return row?.code ?? null;
}

export interface Names {
  categories: Map<string, string>;
  regions: Map<string, string>;
  departments: Map<string, string>;
}

/** Names (zh-CN, GeoReport has no language parameter) of every category, region and department, old ones too. */
export async function namesOf(db: D1Database): Promise<Names> {
  const [meta, departments] = await Promise.all([loadMeta(db, "zh"), departmentNames(db, "zh")]);
  return {
    categories: new Map(meta.categories.map((o) => [o.code, o.name])),
    regions: new Map(meta.regions.map((o) => [o.code, o.name])),
    departments,
  };
}
