import { eq } from "drizzle-orm";
import { periodOf, previousPeriod } from "../../../../shared/clocks/period";
import { getDb, nameIn } from "../../../../shared/db/case-queries";
import { monthlyRanking, type UnitKind } from "../../../../shared/db/evaluation-queries";
import { departments, regions } from "../../../../shared/db/schema";
import { type RankingsUnit, rankingsBody } from "../../../../shared/scoring/rankings.schema";
import { portalLang } from "../../../../shared/ui/i18n";

/** One unit's month as the scoreboard shows it: the rankings contract's row, and how many units were ranked. */
export interface Scoreboard {
  kind: UnitKind;
  unitId: string;
  name: string;
  period: string;
  minSample: number;
  /** null: the unit has no figures in the months looked at. */
  unit: RankingsUnit | null;
  ranked: number;
}

async function unitName(db: D1Database, kind: UnitKind, unitId: string): Promise<string | null> {
  const d = getDb(db);
  // The English name where the row has one, on an English widget (?lang=en).
  const [row] =
    kind === "department"
      ? await d
          .select({ name: nameIn(portalLang(), departments) })
          .from(departments)
          .where(eq(departments.id, unitId))
      : await d
          .select({ name: nameIn(portalLang(), regions) })
          .from(regions)
          .where(eq(regions.code, unitId));
  return row?.name ?? null;
}

/**
 * A unit's figures for the asked month, or else for the current Beijing month, falling back to the
 * previous one while the unit has no figures yet (early in a month). The same ranking as
 * `GET /api/v1/rankings`, computed from the shared D1. null when there is no such unit.
 */
export async function loadScoreboard(
  db: D1Database,
  kind: UnitKind,
  unitId: string,
  period: string | null,
  now: Date,
): Promise<Scoreboard | null> {
  const name = await unitName(db, kind, unitId);
  if (name === null) return null;
  const current = periodOf(now.toISOString());
  const periods = period ? [period] : [current, previousPeriod(current)];
  let minSample = 0;
  for (const p of periods) {
    const body = rankingsBody(p, await monthlyRanking(db, p, kind));
    minSample = body.minSample;
    const unit = body.units.find((u) => u.unitId === unitId);
    if (unit)
      return {
        kind,
        unitId,
        name: unit.name,
        period: p,
        minSample,
        unit,
        ranked: body.units.filter((u) => u.rank !== null).length,
      };
  }
  return { kind, unitId, name, period: periods[0] ?? current, minSample, unit: null, ranked: 0 };
}
