/**
 * `npm run routing:export -- [--out decisions.csv] [--persist-to .wrangler/state]`: the platform's
 * own routing decisions as labelled examples, in the training file's columns (文本, 一级标签), so
 * `npm run routing:train -- --data decisions.csv` learns a city's own catalogue. A decision is a
 * category a dispatcher chose when assigning; the text is the case's title and body.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
};
const cwd = process.env.INIT_CWD ?? process.cwd();
const out = path.resolve(cwd, arg("--out", "routing-decisions.csv"));
const persist = path.resolve(cwd, arg("--persist-to", path.join(root, ".wrangler/state")));

const sql = `SELECT c.title || c.body AS text, k.name AS label
  FROM case_events e JOIN cases c ON c.case_id = e.case_id JOIN categories k ON k.code = json_extract(e.payload, '$.category')
  WHERE e.type = 'case.assigned' AND e.actor_role = 'dispatcher' AND json_extract(e.payload, '$.category') IS NOT NULL`;
const raw = execFileSync(
  process.execPath,
  [
    path.join(root, "node_modules/wrangler/bin/wrangler.js"),
    "d1",
    "execute",
    "DB",
    "--local",
    "--persist-to",
    persist,
    "--json",
    "--command",
    sql,
  ],
  { cwd: root, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 },
);
const rows = (JSON.parse(raw) as { results: { text: string; label: string }[] }[])[0]?.results ?? [];
const quote = (v: string) => `"${v.replace(/\s+/g, "").replaceAll('"', '""')}"`;
writeFileSync(out, `${["文本,一级标签", ...rows.map((r) => `${quote(r.text)},${quote(r.label)}`)].join("\n")}\n`);
console.log(`${rows.length} dispatcher decisions written to ${out}`);
