import { autoRouteThreshold, suggestCategories } from "../../../shared/routing/category-suggester";
import type { CategorySuggester, RoutingRule } from "../../../shared/routing/route";
import { loadIntakeConfig } from "./case-intake-queries";

/** What routing decides from, kept per isolate: hold words, the 派单目录, mailboxes, the classifier. */
export interface IntakeConfig {
  version: number;
  words: string[];
  rules: RoutingRule[];
  mailboxes: ReadonlyMap<string, string>;
  suggest: CategorySuggester;
  autoRouteConfidence: number;
}

let cached: IntakeConfig | null = null;

/**
 * The configuration at `version` (read with the case, from `config_version`, which every admin
 * change and city load moves in the same batch): loaded again only when the version moved, so a
 * change applies to the next message and an unchanged city costs no reads.
 */
export async function intakeConfig(db: D1Database, version: number): Promise<IntakeConfig> {
  if (cached?.version === version) return cached;
  const { words, rules, mailboxes, categoryCodes } = await loadIntakeConfig(db);
  cached = {
    version,
    words,
    rules,
    mailboxes,
    suggest: (text) => suggestCategories(text, categoryCodes),
    autoRouteConfidence: autoRouteThreshold(),
  };
  return cached;
}
