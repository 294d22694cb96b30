import { periodOf, previousPeriod } from "../clocks/period";
import { seededRandom } from "../seeded-random";
import { DEPARTMENTS } from "./demo-city";
import type { DemoStaff } from "./demo-config";

/**
 * The demo city's 评议: evaluator groups with weights, an evaluator account in each, and their
 * scores for last month, so the first `npm start` shows a report with panel scores in it.
 */
export const DEMO_EVALUATOR_GROUPS = [
  { id: "npc", name: "人大代表", weight: 0.3 },
  { id: "cppcc", name: "政协委员", weight: 0.2 },
  { id: "experts", name: "专家学者", weight: 0.2 },
  { id: "media", name: "新闻媒体", weight: 0.1 },
  { id: "public", name: "群众代表", weight: 0.2 },
];

const EVALUATORS: [userId: string, displayName: string, groupId: string][] = [
  ["evaluator", "评议员（人大代表）", "npc"],
  ["evaluator-cppcc", "评议员（政协委员）", "cppcc"],
  ["evaluator-expert", "评议员（专家学者）", "experts"],
  ["evaluator-media", "评议员（新闻媒体）", "media"],
  ["evaluator-public", "评议员（群众代表）", "public"],
];

/** The accounts beyond the one `evaluator` every demo has (same password as all demo staff). */
export function demoEvaluatorStaff(): DemoStaff[] {
  return EVALUATORS.filter(([id]) => id !== "evaluator").map(([id, displayName]) => ({
    id,
    username: id,
    displayName,
    role: "evaluator",
    departmentId: "pl-office",
    publicTitle: null,
  }));
}

export function demoEvaluationRows(nowMs: number) {
  const rand = seededRandom(20260301);
  const period = previousPeriod(periodOf(nowMs)); // last month in Beijing time
  const updatedAt = new Date(nowMs).toISOString();
  const scored = DEPARTMENTS.filter((d) => d.kind === "municipal" || d.kind === "county");
  const score = (base: number) => Math.max(40, Math.min(100, Math.round(base + (rand() - 0.5) * 20)));
  return {
    groups: DEMO_EVALUATOR_GROUPS,
    members: EVALUATORS.map(([userId, , groupId]) => ({ userId, groupId })),
    panelScores: EVALUATORS.flatMap(([userId]) =>
      scored.map((d, i) => {
        const base = 70 + ((i * 7) % 20);
        return {
          period,
          departmentId: d.id,
          userId,
          leadership: score(base),
          rules: score(base),
          feedback: score(base - 3),
          acceptance: score(base - 5),
          comment: null,
          updatedAt,
        };
      }),
    ),
  };
}
