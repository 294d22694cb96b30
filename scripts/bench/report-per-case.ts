/**
 * The per-case figures under the names the performance issue asks for (bench/results/latest.json),
 * and their lines in the Markdown report.
 */
import type { PerCase } from "./per-case.ts";
import { round } from "./stats.ts";

export function perCaseFigures(p: PerCase) {
  const s = p.cpu.stages;
  const at = (k: string) => s[k] ?? 0;
  const cpuMsPerCase = {
    intake: at("intake"),
    object: at("object"),
    assignment: at("assignment"),
    evaluation: at("evaluation"),
    // The deadline Worker consumes case-registry (one message per case): a stateless Worker too.
    deadline: at("deadline"),
    runtime: at("runtime"),
    total: p.cpu.total,
    stateless: round(at("intake") + at("assignment") + at("evaluation") + at("deadline"), 3),
    cases: p.cpu.cases,
    method:
      "total: workerd's CPU (all threads, /proc) from the first of N submissions until idle ÷ N; stages: per-isolate CPU profiles of a second N (scripts/bench/cpu-profile.ts); runtime = total − stages; stateless = intake + assignment + evaluation + deadline",
  };
  const k = p.counts;
  const d1PerCase = {
    ...k.d1,
    cases: k.cases,
    historyCases: k.historyCases,
    byStage: Object.fromEntries(
      Object.entries(k.byStage).map(([stage, c]) => [
        stage,
        { roundTrips: c.roundTrips, statements: c.statements, rowsRead: c.rowsRead, rowsWritten: c.rowsWritten },
      ]),
    ),
    method:
      "the platform served with a counting entry in front of each Worker (scripts/bench/count-shim.ts): every D1 round trip, statement and its meta.rows_read/rows_written, from submission until idle (projected, routed, events and registry consumed) ÷ N",
  };
  const historyCpuMsPerCase = {
    small: p.cpu.total,
    large: p.cpuLargeHistory?.total ?? null,
    smallCases: p.cpu.historyCases,
    largeCases: p.cpuLargeHistory?.historyCases ?? null,
    ratio: p.cpuLargeHistory ? round(p.cpuLargeHistory.total / p.cpu.total, 3) : null,
  };
  return {
    cpuMsPerCase,
    historyCpuMsPerCase,
    d1PerCase,
    queuePerCase: { messages: k.queueMessages, sends: k.queueSends },
    objectPerCase: { requests: k.objectRequests.total, byMethod: k.objectRequests.byMethod },
    invocationsPerCase: k.invocations,
    cpuProfile: { runtimeJs: p.cpu.runtimeJs, top: p.cpu.top, wallSeconds: p.cpu.wallSeconds, drained: p.cpu.drained },
  };
}

export type PerCaseFigures = ReturnType<typeof perCaseFigures>;

export function perCaseMarkdown(f: PerCaseFigures): string[] {
  const c = f.cpuMsPerCase;
  const d = f.d1PerCase;
  const h = f.historyCpuMsPerCase;
  return [
    "",
    `D1 per case, submitted → assigned (${d.cases} cases over ${d.historyCases.toLocaleString("en")} earlier ones, counted): **${d.roundTrips} round trips** (${d.statements} statements), **${d.rowsRead} rows read, ${d.rowsWritten} rows written**; ` +
      `${f.queuePerCase.messages} queue messages in ${f.queuePerCase.sends} sends; ${f.objectPerCase.requests} object requests (${Object.entries(
        f.objectPerCase.byMethod,
      )
        .map(([m, n]) => `${m} ${n}`)
        .join(", ")}).`,
    "",
    "| stage | round trips | statements | rows read | rows written |",
    "|---|---:|---:|---:|---:|",
    ...Object.entries(d.byStage).map(
      ([stage, s]) => `| ${stage} | ${s.roundTrips} | ${s.statements} | ${s.rowsRead} | ${s.rowsWritten} |`,
    ),
    "",
    `CPU per case (${c.cases} cases, workerd all threads; stages from per-isolate profiles), over ${h.smallCases.toLocaleString("en")} earlier cases; over ${h.largeCases?.toLocaleString("en") ?? "–"}: ${h.large ?? "–"} ms (× ${h.ratio ?? "–"}):`,
    "",
    "| total | intake | object | assignment | evaluation | deadline | runtime | stateless |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|",
    `| **${c.total}** | ${c.intake} | ${c.object} | ${c.assignment} | ${c.evaluation} | ${c.deadline} | ${c.runtime} | ${c.stateless} |`,
  ];
}
