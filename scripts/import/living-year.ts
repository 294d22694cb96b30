/**
 * The demo city's living year, loaded by `npm start` in the background on a first start:
 * `tsx scripts/import/living-year.ts --url http://localhost:8787 --as-of 2026-12-08T02:00:00Z`.
 * Real messages from ../shared/data/raw when they are there (read at run time, never copied into the
 * project), planned with the tipdm mapping and re-dated to end at `--as-of`; a generated year
 * otherwise. Sent through the import API like any city's history: journaled, so a start cut short
 * resumes where it stopped; `--as-of` stays the first start's, so the dates do not move on resume.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { type Answering, LIVING_YEAR_SOURCE, redatedHistory } from "../../shared/demo/living-year";
import { generatedHistory } from "../../shared/demo/living-year-generated";
import type { ImportItem, ImportMeta } from "../../shared/import/import-item.schema";
import { catalogueDepartment } from "../../shared/import/import-references";
import type { Target } from "./client";
import { Journal } from "./journal";
import { readMapping } from "./mapping";
import { planRows } from "./plan";
import { duration, Progress } from "./progress";
import { readTipdmFile } from "./read-tipdm";
import { categorySuggester, fetchMeta } from "./run";
import { finishImport, sendItems } from "./send";
import { resolveTarget } from "./target";

const root = path.resolve(import.meta.dirname, "../..");
export const RAW_DIR = path.resolve(root, "../shared/data/raw");
const VOTES = "tipdm2020c_attachment3_full_votes.csv";
const REPLIES = "tipdm2020c_attachment4_full_replies.csv";
const MAPPING = path.join(root, "scripts/import/mappings/tipdm-pingliang.yaml");

/** The year's messages: the real board re-dated when its files are there, else generated. */
export function livingYearItems(
  meta: ImportMeta,
  asOfMs: number,
  rawDir = RAW_DIR,
): { items: ImportItem[]; real: boolean } {
  const votes = path.join(rawDir, VOTES);
  const replies = path.join(rawDir, REPLIES);
  if (!existsSync(votes) || !existsSync(replies)) return { items: generatedHistory(asOfMs), real: false };
  const ctx = { mapping: readMapping(MAPPING), now: asOfMs, meta, suggestCategory: categorySuggester(meta) };
  const planned = (file: string) => planRows(readTipdmFile(file), ctx).items.map((p) => p.item);
  const mailboxes = new Map(meta.addressees.map((a) => [a.code, a.departmentId]));
  const names = new Map(meta.departments.map((d) => [d.id, d.name]));
  const answering: Answering = {
    departmentName: (id) => names.get(id) ?? id,
    departmentOf: (item) => catalogueDepartment(item, { mailboxes, rules: meta.rules }),
  };
  return { items: redatedHistory(planned(votes), planned(replies), asOfMs, answering), real: true };
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { url: { type: "string" }, "as-of": { type: "string" } } });
  const asOfMs = values["as-of"] ? Date.parse(values["as-of"]) : Date.now();
  if (!Number.isFinite(asOfMs)) throw new Error(`--as-of is not a time: ${values["as-of"]}`);
  const resolved = resolveTarget({ env: "local", url: values.url }, root, process.env);
  if ("error" in resolved) throw new Error(resolved.error);
  const target: Target = resolved;
  const started = Date.now();
  const { items, real } = livingYearItems(await fetchMeta(target), asOfMs);
  // Beside the local data it describes: deleting .wrangler/state to start afresh forgets it too.
  const journal = new Journal(path.join(root, ".wrangler", "state", "history-journal"));
  const total = items.filter((i) => !journal.state.done.has(i.messageId)).length;
  console.log(
    `  history: ${total} ${real ? "real messages (../shared/data/raw), re-dated" : "generated messages"} to load`,
  );
  const progress = new Progress({ total, tty: false, write: (line) => process.stdout.write(`  history: ${line}`) });
  const outcome = await sendItems({
    target,
    source: LIVING_YEAR_SOURCE,
    items,
    journal,
    concurrency: 8,
    onProgress: (sent, refused) => progress.update(sent, refused),
  });
  progress.end();
  if (outcome.finishFrom) await finishImport(target, journal, outcome.finishFrom);
  const refused = outcome.refused.length ? `, ${outcome.refused.length} refused (${outcome.refused[0]?.reason} …)` : "";
  console.log(
    `  history: ${outcome.imported + outcome.already + outcome.skipped} cases in ${duration((Date.now() - started) / 1000)}${refused}`,
  );
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`)
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(
        `  history: stopped (${error instanceof Error ? error.message : String(error)}); npm start resumes it`,
      );
      process.exit(1);
    },
  );
