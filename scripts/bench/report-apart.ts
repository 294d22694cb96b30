/** The Markdown lines of the "as production runs it" measurement (apart.ts). */
import type { ApartFigures } from "./apart.ts";

export function apartMarkdown(a: ApartFigures): string[] {
  return [
    "",
    `As production runs it — intake apart from the consumers (two workerd processes; ${a.pinning}):`,
    "",
    "| measure | value |",
    "|---|---|",
    `| ${a.rate} req/s × ${a.seconds} s, open loop | achieved ${a.achievedRps} req/s, intake p50 ${a.p50Ms} ms, **p99 ${a.p99Ms} ms**, client timeouts ${a.clientTimeouts} |`,
    `| submitted → routed | p50 ${a.routedP50Ms} ms, **p99 ${a.routedP99Ms} ms** (in the case object p99 ${a.routedInObjectP99Ms} ms); drained ${(a.drainMs / 1000).toFixed(1)} s after the last request; exactly once ${a.exactlyOnce ? "yes" : "NO"} |`,
    "",
    `Method: ${a.method}`,
  ];
}
