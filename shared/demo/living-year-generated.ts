import type { ImportItem } from "../import/import-item.schema";
import { seededRandom } from "../seeded-random";
import type { CategoryCode } from "./demo-city";
import { CATEGORIES, COUNTY_DEPARTMENT_BY_REGION, DEMO_CATEGORY_DEPARTMENT, DEPARTMENTS, REGIONS } from "./demo-city";
import { assembledReply } from "./demo-replies";
import { PLACES, TEMPLATES } from "./demo-texts";
import { DAY, finished } from "./living-year";

/** About 17 a day: a few hundred a month, every unit above the ranking's minimum sample. */
export const GENERATED_YEAR_SIZE = 6300;

/**
 * Municipal departments outside the routing catalogue share its categories' work, so each of them
 * has a year of history too (城管 takes part of 城乡建设, 市场监管 and 商务 part of 商贸旅游 and 卫生).
 */
const SHARED_WORK: Partial<Record<CategoryCode, string[]>> = {
  urban_rural: ["pl-housing", "pl-housing", "pl-urban-management"],
  commerce_tourism: ["pl-culture-tourism", "pl-commerce", "pl-market"],
  health: ["pl-health", "pl-health", "pl-market"],
};

/** Weekdays bring about twice the messages of a weekend day (Monday, Beijing, busiest). */
const WEEKDAY_WEIGHT = [0.6, 1.4, 1.2, 1.15, 1.1, 1.05, 0.7];

/**
 * A year of generated history when the real board is not beside the project: the demo's message
 * templates over Pingliang's places, a weekday rhythm, replies assembled from fragments after a
 * realistic delay (median about nine days, a long tail), supporters for some, ratings for most.
 */
export function generatedHistory(nowMs: number, size = GENERATED_YEAR_SIZE): ImportItem[] {
  const rand = seededRandom(6300);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const days: number[] = [];
  for (let d = 2; d <= 365; d++) {
    const weekday = new Date(nowMs - d * DAY + 8 * 3600_000).getUTCDay();
    days.push(...Array.from({ length: Math.round((WEEKDAY_WEIGHT[weekday] ?? 1) * 10) }, () => d));
  }
  const nameOf = new Map(DEPARTMENTS.map((d) => [d.id, d.shortName ?? d.name]));
  const items: ImportItem[] = [];
  for (let i = 0; i < size; i++) {
    const category = pick(CATEGORIES).code;
    const region = rand() < 0.35 ? "620800" : pick(REGIONS.filter((r) => r.code !== "620800")).code;
    const template = pick(TEMPLATES[category]);
    const place = pick(PLACES[region] ?? ["城区"]);
    const mailbox = rand() < 0.03 ? pick(["mayor", "secretary"]) : undefined;
    const county = region !== "620800" && rand() < 0.45 ? COUNTY_DEPARTMENT_BY_REGION[region] : undefined;
    const departmentId = mailbox
      ? mailbox === "mayor"
        ? "pl-mayor-office"
        : "pl-secretary-office"
      : (county ?? pick(SHARED_WORK[category] ?? [DEMO_CATEGORY_DEPARTMENT[category]]));
    const at =
      nowMs - (pick(days) - 1) * DAY - Math.floor(rand() * 14 + 8) * 3600_000 - Math.floor(rand() * 60) * 60_000;
    const title = template.title.replaceAll("{place}", place);
    // Median about nine days; one in ten waits more than a month.
    const delay = Math.exp(Math.log(9) + 1.1 * normal(rand)) * DAY;
    items.push(
      finished(
        {
          messageId: `g${i + 1}`,
          submittedAt: new Date(at).toISOString(),
          type: template.type,
          title,
          body: template.body.replaceAll("{place}", place),
          regionCode: region,
          category,
          departmentId,
          ...(mailbox ? { addressee: mailbox } : {}),
          supporters: rand() < 0.3 ? Math.floor(-Math.log(1 - rand()) * 6) : 0,
          reply: {
            ...assembledReply(title, departmentId, nameOf.get(departmentId) ?? "", rand),
            at: new Date(at + delay).toISOString(),
          },
        },
        nowMs,
        rand,
      ),
    );
  }
  return items.sort((a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt));
}

/** A standard normal draw (Box–Muller), from the seeded generator. */
function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}
