import { getDb } from "../../../shared/db/case-queries";
import { categories } from "../../../shared/db/schema";
import { autoRouteThreshold, suggestCategories } from "../../../shared/routing/category-suggester";
import type { RoutingAdvice } from "./case-intake.consumer";

/** The category codes the classifier's labels stand for: a label is the category's name. */
export async function categoryCodesByName(db: D1Database): Promise<Map<string, string>> {
  const rows = await getDb(db).select({ code: categories.code, name: categories.name }).from(categories);
  return new Map(rows.map((r) => [r.name, r.code]));
}

/** The shipped classifier, speaking this platform's category codes, with its calibrated threshold. */
export async function classifierAdvice(db: D1Database): Promise<RoutingAdvice> {
  const codes = await categoryCodesByName(db);
  return { suggest: (text) => suggestCategories(text, codes), autoRouteConfidence: autoRouteThreshold() };
}
