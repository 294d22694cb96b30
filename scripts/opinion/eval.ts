import path from "node:path";
import { shanghaiDate } from "../../shared/clocks/period";
import { hotIssues } from "../../shared/scoring/opinion/issues/hot-issues";
import { readTipdmFile } from "../import/read-tipdm";
import { ROOT } from "../routing/args";
import { boardMessages } from "./board-messages";

/**
 * `npm run opinion:eval`: the hot issues of the real 2019 board (attachment 3, read in place from
 * ../shared, never copied) for the year and for its three busiest months, each issue with the
 * titles behind it, so a reader can judge whether each is one real problem; and the time the
 * analysis takes. `--json` prints the same as data.
 */

const FILE = path.resolve(ROOT, "../shared/data/raw/tipdm2020c_attachment3_full_votes.csv");
const SHOWN = 10;
const TITLES = 4;

function run(rows: ReturnType<typeof readTipdmFile>, from?: string, to?: string) {
  const board = boardMessages(rows, from, to);
  const started = performance.now();
  const issues = hotIssues(board.messages, { windowStart: board.windowStart, windowEnd: board.windowEnd });
  const ms = Math.round(performance.now() - started);
  const titles = new Map(board.messages.map((m) => [m.id, m.title]));
  return {
    period: from ? (from === to ? from : `${from}..${to}`) : "all",
    messages: board.messages.length,
    issues: issues.length,
    inIssuesOfTwoOrMore: issues.filter((i) => i.messages >= 2).reduce((n, i) => n + i.messages, 0),
    ms,
    top: issues.slice(0, SHOWN).map((i, k) => ({
      rank: k + 1,
      label: i.label,
      heat: i.heat,
      messages: i.messages,
      petitioners: i.petitioners,
      supporters: i.supporters,
      span: `${shanghaiDate(i.firstAt)}..${shanghaiDate(i.lastAt)}`,
      titles: i.ids.slice(0, TITLES).map((id) => titles.get(id) ?? id),
    })),
  };
}

const rows = readTipdmFile(FILE);
const months = new Map<string, number>();
for (const m of boardMessages(rows).messages) {
  const month = shanghaiDate(m.at).slice(0, 7);
  months.set(month, (months.get(month) ?? 0) + 1);
}
const busiest = [...months]
  .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  .slice(0, 3)
  .map(([m]) => m);
const results = [run(rows), ...busiest.map((m) => run(rows, m, m))];

if (process.argv.includes("--json")) console.log(JSON.stringify(results, null, 2));
else {
  for (const r of results) {
    console.log(
      `\n== ${r.period}: ${r.messages} messages → ${r.issues} issues (${r.inIssuesOfTwoOrMore} messages in issues of 2+), ${r.ms} ms`,
    );
    for (const i of r.top) {
      console.log(
        `${String(i.rank).padStart(3)}. ${i.label}  [heat ${i.heat}; ${i.messages} msgs, ${i.petitioners} people, ${i.supporters} supporters; ${i.span}]`,
      );
      for (const t of i.titles) console.log(`       · ${t}`);
    }
  }
}
