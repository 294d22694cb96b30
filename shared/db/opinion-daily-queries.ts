import { count, eq, sql } from "drizzle-orm";
import { getDb } from "./case-queries";
import { chunk } from "./chunk";
import { opinionCaseTerms, opinionDaily } from "./evaluation-schema";
import { ALL_REGIONS } from "./opinion-queries";

/** Messages per term on each day, per region and for the whole city, recounted from the case terms. */
export async function recountDays(db: D1Database, days: readonly string[]): Promise<void> {
  const d = getDb(db);
  // Days in batches (three statements each), not one round trip per day: an import touches hundreds.
  for (const part of chunk(days, 30)) {
    const [first, ...rest] = part.flatMap((day) => recountStatements(d, day));
    if (first) await d.batch([first, ...rest]);
  }
}

function recountStatements(d: ReturnType<typeof getDb>, day: string) {
  const t = opinionCaseTerms;
  const perTerm = (regionCode: typeof t.regionCode | string) =>
    d.insert(opinionDaily).select(
      d
        .select({
          day: t.day,
          regionCode: typeof regionCode === "string" ? sql<string>`${regionCode}`.as("region_code") : regionCode,
          term: t.term,
          n: count().as("n"),
        })
        .from(t)
        .where(eq(t.day, day))
        .groupBy(...(typeof regionCode === "string" ? [] : [regionCode]), t.term),
    );
  return [d.delete(opinionDaily).where(eq(opinionDaily.day, day)), perTerm(t.regionCode), perTerm(ALL_REGIONS)];
}
