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

/** The seam for the text classifier (issue 8): returns its best guess, or null. */
export type CategorySuggester = (text: string) => CategorySuggestion | null;

export type RoutingDecision =
  | { kind: "leader_mailbox"; departmentId: string; addressee: string }
  | { kind: "catalogue"; departmentId: string; category: string }
  | { kind: "dispatcher"; reason: "no_category" | "no_rule"; suggestion: CategorySuggestion | null };

/** Suggestions at or above this confidence may route on their own. */
export const AUTO_ROUTE_CONFIDENCE = 0.97;

export function routeMessage(
  message: { addressee: string | null; category: string | null; regionCode: string; title: string; body: string },
  context: { mailboxes: ReadonlyMap<string, string>; rules: readonly RoutingRule[]; suggest?: CategorySuggester },
): RoutingDecision {
  if (message.addressee) {
    const departmentId = context.mailboxes.get(message.addressee);
    if (departmentId) return { kind: "leader_mailbox", departmentId, addressee: message.addressee };
  }
  const suggestion = message.category ? null : (context.suggest?.(`${message.title}${message.body}`) ?? null);
  const category = message.category ?? (suggestion && suggestion.confidence >= AUTO_ROUTE_CONFIDENCE ? suggestion.category : null);
  if (!category) return { kind: "dispatcher", reason: "no_category", suggestion };
  const rule =
    context.rules.find((r) => r.category === category && r.regionCode === message.regionCode) ??
    context.rules.find((r) => r.category === category && r.regionCode === "*");
  if (!rule) return { kind: "dispatcher", reason: "no_rule", suggestion };
  return { kind: "catalogue", departmentId: rule.departmentId, category };
}
