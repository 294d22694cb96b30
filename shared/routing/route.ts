/**
 * Where a new message goes (网上交办). A leader's mailbox goes to that leader's office; otherwise
 * the 派单目录 decides by category and region (an exact region before `*`); otherwise it waits for
 * the dispatcher. A classifier may supply the category when the citizen gave none.
 */
export interface RoutingRule {
  category: string;
  regionCode: string; // "*" for every region
  departmentId: string;
}

export interface CategorySuggestion {
  category: string;
  confidence: number;
}

/** The seam for the text classifier: its best guesses, most confident first. */
export type CategorySuggester = (text: string) => CategorySuggestion[];

export type RoutingDecision =
  | { kind: "leader_mailbox"; departmentId: string; addressee: string }
  | { kind: "catalogue"; departmentId: string; category: string; suggested: boolean }
  | { kind: "dispatcher"; reason: "no_category" | "no_rule"; suggestions: CategorySuggestion[] };

/** Without a calibrated threshold from the model, only a near-certain suggestion routes on its own. */
export const AUTO_ROUTE_CONFIDENCE = 0.97;

export function routeMessage(
  message: { addressee: string | null; category: string | null; regionCode: string; title: string; body: string },
  context: {
    mailboxes: ReadonlyMap<string, string>;
    rules: readonly RoutingRule[];
    suggest?: CategorySuggester;
    autoRouteConfidence?: number;
  },
): RoutingDecision {
  if (message.addressee) {
    const departmentId = context.mailboxes.get(message.addressee);
    if (departmentId) return { kind: "leader_mailbox", departmentId, addressee: message.addressee };
  }
  // The dispatch policy: the citizen's category, else the classifier's when it is confident enough.
  const suggestions = message.category ? [] : (context.suggest?.(`${message.title}${message.body}`) ?? []);
  const best = suggestions[0];
  const confident =
    best && best.confidence >= (context.autoRouteConfidence ?? AUTO_ROUTE_CONFIDENCE) ? best.category : null;
  const category = message.category ?? confident;
  if (!category) return { kind: "dispatcher", reason: "no_category", suggestions };
  const rule =
    context.rules.find((r) => r.category === category && r.regionCode === message.regionCode) ??
    context.rules.find((r) => r.category === category && r.regionCode === "*");
  if (!rule) return { kind: "dispatcher", reason: "no_rule", suggestions };
  return { kind: "catalogue", departmentId: rule.departmentId, category, suggested: message.category === null };
}
