/** The self-hosted target's lines in the Markdown report, beside the Miniflare figures. */
import { type SelfhostFigures, UTILISATION } from "./selfhost.ts";

const ms = (x: number) => (Number.isFinite(x) ? `${x >= 100 ? x.toFixed(0) : x.toFixed(1)} ms` : "–");

export function selfhostMarkdown(s: SelfhostFigures | null, miniflare?: { intakeRps: number; routedP99Ms: number }) {
  if (!s) return [];
  const beside = (x: number | undefined, unit: string) => (x === undefined ? "" : ` (Miniflare: ${x}${unit})`);
  return [
    "",
    `Self-hosted target (npm run selfhost: plain workerd ${s.workerd}, the platform Worker's D1, queues and limiter; ${s.pinning}):`,
    "",
    "| measure | self-hosted |",
    "|---|---|",
    `| intake: POST /api/v1/cases (JSON), c=${s.intake.concurrency} | ${s.intake.rps} req/s${beside(miniflare?.intakeRps, " req/s")}, p50 ${ms(s.intake.p50Ms)}, p99 ${ms(s.intake.p99Ms)}, non-2xx ${s.intake.non2xx}, runs ${s.intake.runs.join(" / ")} |`,
    `| CPU per case (workerd, all threads, submitted → idle) | ${s.cpuMsPerCase} ms over ${s.cpu.cases} cases (${s.historyCases.toLocaleString("en")} earlier in D1)${s.cpu.drained ? "" : " NOT drained"} |`,
    `| submitted → routed at ${s.routed.rate} req/s | p50 ${ms(s.routed.p50Ms)}, p99 ${ms(s.routed.p99Ms)}${beside(miniflare?.routedP99Ms, " ms p99")} (${s.routed.samples} cases, ${s.routed.unrouted} not routed in time; exactly once ${s.routed.exactlyOnce ? "yes" : "NO"}) |`,
    `| cases a year one 4-core VM carries | **${s.casesPerYear4Core.toLocaleString("en")}** = 4 cores × 3600 × 24 × 365 × 1000 ms ÷ ${s.cpuMsPerCase} ms × ${UTILISATION} utilisation |`,
    "",
    `Method: ${s.method}`,
  ];
}
