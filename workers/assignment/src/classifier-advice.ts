import { autoRouteThreshold, suggestCategories } from "../../../shared/routing/category-suggester";
import type { RoutingAdvice } from "./case-intake.consumer";
import { categoryCodesByName } from "./case-intake-queries";

/** The shipped classifier, speaking this platform's category codes, with its calibrated threshold. */
export async function classifierAdvice(db: D1Database): Promise<RoutingAdvice> {
  const codes = await categoryCodesByName(db);
  return { suggest: (text) => suggestCategories(text, codes), autoRouteConfidence: autoRouteThreshold() };
}
