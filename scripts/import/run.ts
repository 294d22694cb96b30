import { ImportMeta } from "../../shared/import/import-item.schema";
import { suggestCategories } from "../../shared/routing/category-suggester";
import { type ImportArgs, USAGE } from "./args";
import type { BoardRow } from "./board-row";
import { call, ServerRefusal, ServerUnavailable, type Target } from "./client";
import { Journal, journalPath, refusalsPath } from "./journal";
import { bareMapping, type Mapping, readMapping } from "./mapping";
import { type Plan, planRows, type Refusal } from "./plan";
import { Progress } from "./progress";
import { readTipdmFile } from "./read-tipdm";
import { readWenzhengFile } from "./read-wenzheng";
import { planSummary, refusalSummary, tableLines, unitTable, writeRefusals } from "./report";
import { finishImport, sendItems } from "./send";
import { resolveTarget } from "./target";

/** The whole import as a function of its inputs, so tests run it against a fake server in a temp directory. */
export interface RunOptions {
  args: ImportArgs;
  root: string;
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (text: string) => void;
  tty: boolean;
  now?: number;
  signal?: AbortSignal;
  /** Attempts and first pause for each call (tests shorten them). */
  retry?: { tries: number; backoffMs: number };
}

/** Exit codes: 0 done, 1 failed, 2 bad arguments or files, 130 interrupted (run again to resume). */
export type ExitCode = 0 | 1 | 2 | 130;
const DEFAULT_MIN_SAMPLE = 10;

function readRows(args: ImportArgs): BoardRow[] {
  const read = args.format === "tipdm" ? readTipdmFile : readWenzhengFile;
  return args.file.flatMap((f) => read(f));
}

export async function fetchMeta(target: Target): Promise<ImportMeta> {
  const parsed = ImportMeta.safeParse(await call(target, "GET", "/api/v1/import/meta"));
  if (!parsed.success)
    throw new ServerRefusal(200, "bad_meta", "the server's /api/v1/import/meta is not an ImportMeta");
  return parsed.data;
}

/** The classifier answers with the training data's labels, which are the city's category names. */
export function categorySuggester(meta: ImportMeta): (text: string) => string | undefined {
  const nameToCode = new Map(meta.categories.map((c) => [c.name, c.code]));
  return (text) => suggestCategories(text, nameToCode, 1)[0]?.category;
}

/** What to do about a refused call, where the server's own words do not say it. */
const HINTS: Partial<Record<number, string>> = {
  401: "the token does not match the intake Worker's IMPORT_TOKEN",
  404: "is IMPORT_TOKEN set on the intake Worker? Without it the import API does not exist",
};

function problemOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const hint = error instanceof ServerRefusal ? HINTS[error.status] : undefined;
  return hint ? `${message}; ${hint}` : message;
}

export async function runImport(o: RunOptions): Promise<ExitCode> {
  const { args, out } = o;
  let mapping: Mapping;
  let rows: BoardRow[];
  try {
    mapping = args.mapping ? readMapping(args.mapping) : bareMapping(args.source ?? "");
    if (args.source) mapping.source = args.source;
    rows = readRows(args);
  } catch (error) {
    o.err(`${problemOf(error)}\n\n${USAGE}\n`);
    return 2;
  }
  const source = mapping.source;
  const resolved = resolveTarget(args, o.root, o.env);
  let target: Target | null = null;
  if ("error" in resolved) {
    if (!args["dry-run"]) {
      o.err(`${resolved.error}\n`);
      return 2;
    }
    out(`Could not check references against the server: ${resolved.error}`);
  } else target = { ...resolved, ...o.retry };

  let meta: ImportMeta | undefined;
  if (target) {
    try {
      meta = await fetchMeta(args["dry-run"] ? { ...target, tries: 1 } : target);
    } catch (error) {
      if (!args["dry-run"]) {
        o.err(`Cannot import: ${target.baseUrl} did not give the city's configuration (${problemOf(error)}).\n`);
        return 1;
      }
      out(`Could not check references against ${target.baseUrl} (${problemOf(error)}): rows are checked on their own.`);
    }
  }

  const plan = planRows(rows, {
    mapping,
    now: o.now ?? Date.now(),
    meta,
    suggestCategory: meta ? categorySuggester(meta) : undefined,
  });
  const refusalsFile = refusalsPath(o.root, source);
  writeRefusals(refusalsFile, plan.refusals);
  for (const line of planSummary(plan, args.file.length)) out(line);
  out(`refusals: ${refusalsFile}`);

  if (args["dry-run"]) {
    const minSample = meta?.minSample ?? DEFAULT_MIN_SAMPLE;
    for (const line of tableLines(unitTable(plan.items, meta), meta, minSample)) out(line);
    out(`dry run (source "${source}"): nothing was sent.`);
    return 0;
  }
  if (!target) return 2;
  return send(o, target, source, plan, refusalsFile);
}

async function send(
  o: RunOptions,
  target: Target,
  source: string,
  plan: Plan,
  refusalsFile: string,
): Promise<ExitCode> {
  const journal = new Journal(journalPath(o.root, source));
  const toSend = plan.items.filter((p) => !journal.state.done.has(p.item.messageId)).length;
  const progress = new Progress({ total: toSend, tty: o.tty, write: o.err });
  let outcome: Awaited<ReturnType<typeof sendItems>>;
  try {
    outcome = await sendItems({
      target,
      source,
      items: plan.items.map((p) => p.item),
      journal,
      signal: o.signal,
      onProgress: (sent, refused) => progress.update(sent, refused),
    });
    progress.end();
  } catch (error) {
    progress.end();
    const hint = error instanceof ServerUnavailable ? " Run the same command again to resume." : "";
    o.err(`Import stopped: ${problemOf(error)}.${hint}\n`);
    return 1;
  }
  const byId = new Map(plan.items.map((p) => [p.item.messageId, p]));
  const serverRefusals: Refusal[] = outcome.refused.map((r) => {
    const p = byId.get(r.messageId);
    return {
      kind: "refusal",
      file: p?.file ?? "",
      row: p?.row ?? 0,
      messageId: r.messageId,
      reason: "server_refused",
      detail: r.reason,
    };
  });
  if (serverRefusals.length) writeRefusals(refusalsFile, [...plan.refusals, ...serverRefusals]);
  o.out(`imported          ${outcome.imported}`);
  o.out(
    `already imported  ${outcome.already + outcome.skipped} (${outcome.skipped} skipped from the journal without a call)`,
  );
  o.out(`refused by server ${serverRefusals.length}`);
  for (const line of refusalSummary(serverRefusals)) o.out(line);
  if (outcome.interrupted) {
    o.out("Interrupted: run the same command again to resume (answered messages are skipped).");
    return 130;
  }
  if (outcome.finishFrom) {
    try {
      await finishImport(target, journal, outcome.finishFrom);
      o.out(`finished: the opinion analysis reads the history from ${outcome.finishFrom}`);
    } catch (error) {
      o.err(`The cases are in, but /api/v1/import/finish failed (${problemOf(error)}). Run the command again.\n`);
      return 1;
    }
  }
  return 0;
}
