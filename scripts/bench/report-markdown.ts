/** The Markdown table `npm run bench` prints at the end (the JSON is the record; this is for people). */
import type { BenchResult, Figure } from "./report.ts";
import { apartMarkdown } from "./report-apart.ts";
import { perCaseMarkdown } from "./report-per-case.ts";
import { selfhostMarkdown } from "./report-selfhost.ts";

const ms = (x: number) => (Number.isFinite(x) ? `${x >= 100 ? x.toFixed(0) : x.toFixed(1)} ms` : "–");
const rps = (x: number) =>
  Number.isFinite(x) ? `${x >= 100 ? Math.round(x).toLocaleString("en") : x.toFixed(1)} req/s` : "–";
const spread = (f: Figure) => f.runs.map((r) => Math.round(r)).join(" / ");

export function markdown(r: BenchResult): string {
  const m = r.meta;
  const c = r.config.concurrency;
  const row = (what: string, f: Figure) =>
    `| ${what} | ${rps(f.rps)} | ${ms(f.p50Ms)} | ${ms(f.p99Ms)} | ${f.non2xx} | ${spread(f)} |`;
  const lines = [
    `## wenzheng bench${r.config.smoke ? " (smoke: tiny, not for comparison)" : ""} — ${m.commit}, ${m.when}`,
    "",
    `CPU ${m.cpu} × ${m.cores} cores · Node ${m.node} · wrangler ${m.wrangler} · miniflare ${m.miniflare} · workerd ${m.workerd} (compatibility_date ${m.compatibilityDate})`,
    `Load average before ${m.loadAverageBefore.join(" ")}, after ${m.loadAverageAfter.join(" ")} (the machine is shared: compare ratios, not absolutes) · ${m.pinning} · ${m.seconds.toFixed(0)} s`,
    "",
    `Closed loop, ${c} connections, ${r.config.seconds} s × ${r.config.reps} (medians; last column: req/s of each repetition). Every submission has its own Idempotency-Key, phone, text and \`cf-connecting-ip\` (intake limits 10 submissions/min per address: the bench measures the pipeline, the limiter is still consulted on every request).`,
    "",
    "| measure | throughput | p50 | p99 | non-2xx | runs |",
    "|---|---:|---:|---:|---:|---|",
    row(`ceiling: hello-world Worker, c=${c}`, r.ceiling),
    row(`ceiling: plain hono route, c=${c}`, r.ceiling.hono),
    row(`ceiling: new durable object + one row per request, c=${c}`, r.doCeiling),
    row(`intake: POST /api/v1/cases (JSON), c=${c}`, r.intake),
    row(`intake: POST /submit (form), c=${c}`, r.intakeForm),
    row(`public read: GET /api/v1/cases/{trackingNo}, c=${c}`, r.publicRead.caseView),
    row(`public read: board page GET /, c=${c}`, r.publicRead.board),
    row(`widget JSON, cache hits, c=${c}`, r.widget),
    row(`widget JSON, cache misses, c=${c}`, r.widget.miss),
    "",
    "| measure | value |",
    "|---|---|",
    `| intake.ratio (intake ÷ hello-world) | ${r.intake.ratio} (÷ hono: ${r.intake.ratioToHono}; form ÷ hello-world: ${r.intakeForm.ratio}) |`,
    `| intakeRate: ${r.intakeRate.targetRps} req/s × ${r.intakeRate.seconds} s × ${r.config.rateReps}, open loop | achieved ${rps(r.intakeRate.achievedRps)}, p50 ${ms(r.intakeRate.p50Ms)}, **p99 ${ms(r.intakeRate.p99Ms)}**, max ${ms(r.intakeRate.maxMs)}, non-2xx ${r.intakeRate.non2xx}, client timeouts (30 s) ${r.intakeRate.clientTimeouts} |`,
    `| exactly one case per accepted submission (after the pipeline drained: ${r.intakeRate.drainMs.map((d) => (d < 0 ? "timed out" : `${(d / 1000).toFixed(1)} s`)).join(", ")} after the last response) | ${r.intakeRate.exactlyOnce.ok ? "yes" : "NO"}: ${r.intakeRate.exactlyOnce.runs.map((e) => `${e.accepted} accepted → ${e.found} found, ${e.taggedRows} rows`).join("; ")} |`,
    `| pipeline: submitted → visible as assigned (1 in ${r.config.pipelineSampleEvery}, polled every ${r.pipeline.resolutionMs} ms) | p50 ${ms(r.pipeline.p50Ms)}, p99 ${ms(r.pipeline.p99Ms)} (${r.pipeline.samples} cases, ${r.pipeline.unrouted} not routed in time; public JSON view agrees: ${r.pipeline.publicViewCheck.join(", ")}) |`,
    `| pipeline: submitted → assigned inside the case object (every case) | p50 ${ms(r.pipeline.inObject.p50Ms)}, p99 ${ms(r.pipeline.inObject.p99Ms)} (${r.pipeline.inObject.samples} cases) |`,
    `| sweep: first page of due cases (${r.sweep.sizes} open) | ${r.sweep.rows.length ? r.sweep.rows.map((s) => `${s.openCases.toLocaleString("en")}: ${ms(s.medianMs)}`).join(", ") : r.sweep.note}${r.sweep.floorMedianMs === null ? "" : ` (SELECT 1 floor ${ms(r.sweep.floorMedianMs)})`} |`,
    `| rollups: one event's update / the monthly report's data (cases) | ${r.rollups.rows.length ? r.rollups.rows.map((x) => `${x.cases.toLocaleString("en")}: ${ms(x.eventMedianMs)} / ${ms(x.reportMedianMs)}`).join(", ") : r.rollups.note} |`,
    `| classifier.perSecond | ${r.classifier.perSecond === null ? `null — ${r.classifier.note}` : `${Math.round(r.classifier.perSecond).toLocaleString("en")} messages/s (${r.classifier.note})`} |`,
    `| widget.ratio (cache hits ÷ hello-world) | ${r.widget.ratio} (misses: ${r.widget.miss.ratio}) |`,
    ...perCaseMarkdown(r),
    ...selfhostMarkdown(r.selfhost, {
      intakeRps: r.intake.rps,
      cpuMsPerCase: r.cpuMsPerCase.total,
      routed: `p50 ${ms(r.pipeline.p50Ms)}, p99 ${ms(r.pipeline.p99Ms)} at ${r.config.rate} req/s`,
    }),
    ...apartMarkdown(r.intakeRateApart),
    "",
    "Targets (reported, not asserted):",
    ...r.targets.map(
      (t) =>
        `- ${t.met ? "MET" : "MISSED"}: ${t.name} — actual ${t.actual}${t.met ? "" : ` (${("lowerIsBetter" in t && t.lowerIsBetter ? t.actual / t.target : t.target / t.actual).toFixed(1)}× off)`}`,
    ),
    ...(r.notes.length ? ["", "Notes:", ...r.notes.map((n) => `- ${n}`)] : []),
  ];
  return lines.join("\n");
}
