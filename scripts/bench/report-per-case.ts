/**
 * The per-case figures under the names the performance issue asks for (bench/results/latest.json),
 * and their lines in the Markdown report.
 */
import { costPerMillionCases } from "./cost.ts";
import type { PerCase } from "./per-case.ts";
import { round } from "./stats.ts";

function baseFigures(p: PerCase) {
  const s = p.cpu.stages;
  const at = (k: string) => s[k] ?? 0;
  const cpuMsPerCase = {
    intake: at("intake"),
    object: at("object"),
    // The per-region near-duplicate index (a durable object in assignment's Worker), when there is one.
    nearDuplicateIndex: at("nearDuplicateIndex"),
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
  const figures = {
    cpuMsPerCase,
    historyCpuMsPerCase,
    d1PerCase,
    queuePerCase: { messages: k.queueMessages, sends: k.queueSends },
    objectPerCase: { requests: k.objectRequests.total, byMethod: k.objectRequests.byMethod, sqlite: k.objectSql },
    invocationsPerCase: k.invocations,
    cpuProfile: { runtimeJs: p.cpu.runtimeJs, top: p.cpu.top, wallSeconds: p.cpu.wallSeconds, drained: p.cpu.drained },
  };
  return figures;
}

export type BaseFigures = ReturnType<typeof baseFigures>;

export function perCaseFigures(p: PerCase) {
  const figures = baseFigures(p);
  return { ...figures, ...costPerMillionCases(figures, p.counts) };
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
        .join(
          ", ",
        )}); in the object's SQLite ${f.objectPerCase.sqlite.statements} statements, ${f.objectPerCase.sqlite.rowsRead} rows read, ${f.objectPerCase.sqlite.rowsWritten} written.`,
    "",
    `Price per million cases at Cloudflare's list prices (from memory, not checked: see scripts/bench/cost.ts): **$${f.costPerMillionCasesUsd}** — ${Object.entries(
      f.costItems.byItem,
    )
      .map(([k, v]) => `${k} $${v.usdPerMillionCases}`)
      .join(", ")}.`,
    "",
    "| stage | round trips | statements | rows read | rows written |",
    "|---|---:|---:|---:|---:|",
    ...Object.entries(d.byStage).map(
      ([stage, s]) => `| ${stage} | ${s.roundTrips} | ${s.statements} | ${s.rowsRead} | ${s.rowsWritten} |`,
    ),
    "",
    `CPU per case (${c.cases} cases, workerd all threads; stages from per-isolate profiles), over ${h.smallCases.toLocaleString("en")} earlier cases; over ${h.largeCases?.toLocaleString("en") ?? "–"}: ${h.large ?? "–"} ms (× ${h.ratio ?? "–"}):`,
    "",
    "| total | intake | object | near-duplicate index | assignment | evaluation | deadline | runtime | stateless |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    `| **${c.total}** | ${c.intake} | ${c.object} | ${c.nearDuplicateIndex} | ${c.assignment} | ${c.evaluation} | ${c.deadline} | ${c.runtime} | ${c.stateless} |`,
  ];
}

/** The performance issue's targets for these figures (reported, not asserted). */
export function perCaseTargets(f: PerCaseFigures) {
  const atMost = (name: string, target: number, actual: number | null) =>
    actual === null ? [] : [{ name, target, actual, met: actual <= target, lowerIsBetter: true }];
  return [
    ...atMost("CPU per case ≤ 8 ms (whole pipeline, workerd all threads)", 8, f.cpuMsPerCase.total),
    ...atMost("the stateless Workers' own CPU per case ≤ 1 ms", 1, f.cpuMsPerCase.stateless),
    ...atMost("D1 round trips per case, submitted → assigned ≤ 4", 4, f.d1PerCase.roundTrips),
    ...atMost("D1 rows read per case ≤ 50", 50, f.d1PerCase.rowsRead),
    ...atMost("D1 rows written per case ≤ 25", 25, f.d1PerCase.rowsWritten),
    ...atMost(
      `CPU per case over ${f.historyCpuMsPerCase.largeCases?.toLocaleString("en")} earlier cases ≤ 1.2 × over ${f.historyCpuMsPerCase.smallCases.toLocaleString("en")}`,
      1.2,
      f.historyCpuMsPerCase.ratio,
    ),
  ];
}
