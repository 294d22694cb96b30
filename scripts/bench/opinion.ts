import { existsSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { hotIssues, type IssueMessage } from "../../shared/scoring/opinion/issues/hot-issues.ts";
import { readTipdmFile } from "../import/read-tipdm.ts";
import { root } from "./build.ts";
import { round } from "./stats.ts";

/**
 * `npm run bench -- --opinion N`: one month's hot-issue analysis over N real messages. The texts
 * are the real boards' (attachments 3 and 4 and the attachment-2 files, read in place from
 * ../shared, never copied), all dated into one month, so the grouping sees a large city's month
 * of varied real writing. This times the pure analysis (the CPU a scheduled run spends on it) in
 * Node's V8, the engine workerd runs; D1's read of the month and the write of its issues are not in it.
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

export interface OpinionBench {
  messages: number;
  distinctTexts: number;
  issues: number;
  runs: number;
  msMedian: number;
  msMax: number;
  heapMb: number;
}

function monthOf(n: number): IssueMessage[] {
  const seen = new Set<string>();
  const out: IssueMessage[] = [];
  for (const f of FILES) {
    const file = path.join(RAW, f);
    if (!existsSync(file)) continue;
    for (const r of readTipdmFileLenient(file)) {
      const key = `${r.title}\n${r.body}`;
      if (seen.has(key) || !r.title.trim()) continue;
      seen.add(key);
      const i = out.length;
      // Spread over 30 days of one month, in file order.
      const at = new Date(Date.UTC(2026, 2, 1) + Math.floor((i * 30 * 86_400_000) / n)).toISOString();
      out.push({
        id: `b${i}`,
        title: r.title.trim(),
        body: r.body.trim(),
        at,
        author: r.author,
        supporters: Number(r.supporters) || 0,
      });
      if (out.length >= n) return out;
    }
  }
  return out;
}

/** Attachment-2 files lack 留言编号 in places; the bench needs only the texts. */
function readTipdmFileLenient(file: string) {
  try {
    return readTipdmFile(file);
  } catch {
    return [];
  }
}

export function opinionBench(n: number, runs = 3): OpinionBench {
  const messages = monthOf(n);
  const times: number[] = [];
  let issues = 0;
  for (let k = 0; k < runs; k++) {
    const started = performance.now();
    issues = hotIssues(messages, {
      windowStart: "2026-02-28T16:00:00.000Z",
      windowEnd: "2026-03-31T16:00:00.000Z",
    }).length;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return {
    messages: messages.length,
    distinctTexts: messages.length,
    issues,
    runs,
    msMedian: round(times[Math.floor(runs / 2)] ?? 0),
    msMax: round(times.at(-1) ?? 0),
    heapMb: round(process.memoryUsage().heapUsed / 1_048_576),
  };
}
