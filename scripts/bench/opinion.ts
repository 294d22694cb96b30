import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { BODY_CHARS, hotIssues, type IssueMessage } from "../../shared/scoring/opinion/issues/hot-issues.ts";
import { readTipdmFile } from "../import/read-tipdm.ts";
import { root } from "./build.ts";
import { round } from "./stats.ts";

/**
 * `npm run bench -- --opinion N`: one month's hot-issue analysis over N real messages. The texts
 * are the real boards' (attachments 2, 3 and 4, read in place from ../shared, never copied), all
 * dated into one month; past the 10,738 distinct texts there are, the rest are re-posts of earlier
 * messages by their own writers. It times the pure analysis (the CPU a scheduled run spends on it)
 * in Node's V8, the engine workerd runs, in a child process whose heap is capped at a Worker's
 * 128 MB, so "it finished" means the analysis fits an isolate. D1's read of the month and the
 * write of its issues are not in it.
 */

const RAW = path.resolve(root, "../shared/data/raw");
const FILES = [
  "tipdm2020c_attachment3_full_votes.csv",
  "tipdm2020c_attachment4_full_replies.csv",
  "tipdm2020c_attachment2_testdata_unlabeled.csv",
  "tipdm2020c_attachment2_full_10pct_split_labeled.csv",
  "tipdm2020c_attachment2_sample_labeled.csv",
  "tipdm2020c_attachment2_full_30pct_textonly_labeled.csv",
];
const WORKER_HEAP_MB = 128;
const RUNS = 3;

export interface OpinionBench {
  messages: number;
  distinctTexts: number;
  issues: number;
  runs: number;
  msMedian: number;
  msMax: number;
  heapCapMb: number;
  finishedUnderCap: boolean;
}

function monthOf(n: number): { messages: IssueMessage[]; distinct: number } {
  const seen = new Set<string>();
  const out: IssueMessage[] = [];
  const at = (i: number) => new Date(Date.UTC(2026, 2, 1) + Math.floor((i * 30 * 86_400_000) / n)).toISOString();
  for (const f of FILES) {
    const file = path.join(RAW, f);
    if (!existsSync(file)) continue;
    for (const r of readable(file)) {
      const key = `${r.title}\n${r.body}`;
      if (seen.has(key) || !r.title.trim() || out.length >= n) continue;
      seen.add(key);
      out.push({
        id: `b${out.length}`,
        title: r.title.trim(),
        body: r.body.trim().slice(0, BODY_CHARS), // what monthCases reads from D1: the opening only
        at: "",
        author: r.author,
        supporters: Number(r.supporters) || 0,
      });
    }
  }
  const distinct = out.length;
  for (let i = 0; out.length < n && distinct > 0; i++) {
    const original = out[(i * 7919) % distinct];
    if (original) out.push({ ...original, id: `b${out.length}`, supporters: 0 });
  }
  out.forEach((m, i) => {
    m.at = at(i);
  });
  return { messages: out, distinct };
}

/** A file without the columns the reader needs (one attachment-2 file is text only) gives no rows. */
function readable(file: string) {
  try {
    return readTipdmFile(file);
  } catch {
    return [];
  }
}

/** Runs in the capped child over the month the parent wrote (the CSVs are parsed outside the cap). */
function child(file: string): void {
  const { messages, distinct } = JSON.parse(readFileSync(file, "utf8")) as {
    messages: IssueMessage[];
    distinct: number;
  };
  const times: number[] = [];
  let issues = 0;
  for (let k = 0; k < RUNS; k++) {
    const started = performance.now();
    issues = hotIssues(messages, {
      windowStart: "2026-02-28T16:00:00.000Z",
      windowEnd: "2026-03-31T16:00:00.000Z",
    }).length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ messages: messages.length, distinctTexts: distinct, issues, times }));
}

export function opinionBench(n: number): OpinionBench {
  const self = fileURLToPath(import.meta.url);
  const dir = mkdtempSync(path.join(os.tmpdir(), "opinion-bench-"));
  const month = path.join(dir, "month.json");
  writeFileSync(month, JSON.stringify(monthOf(n)));
  let out = "";
  let finished = true;
  try {
    out = execFileSync(process.execPath, [`--max-old-space-size=${WORKER_HEAP_MB}`, "--import", "tsx", self, month], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
  } catch {
    finished = false;
  }
  rmSync(dir, { recursive: true, force: true });
  const r = finished
    ? (JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as {
        messages: number;
        distinctTexts: number;
        issues: number;
        times: number[];
      })
    : null;
  return {
    messages: r?.messages ?? n,
    distinctTexts: r?.distinctTexts ?? 0,
    issues: r?.issues ?? 0,
    runs: RUNS,
    msMedian: round(r?.times[Math.floor(RUNS / 2)] ?? Number.NaN),
    msMax: round(r?.times.at(-1) ?? Number.NaN),
    heapCapMb: WORKER_HEAP_MB,
    finishedUnderCap: finished,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]) child(process.argv[2]);
