import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * `.wrangler/import/<source>.done`: one line per message the server answered imported or already,
 * `messageId<TAB>status<TAB>submittedAt`, appended after every batch, so a re-run after Ctrl-C skips
 * them without a call. It is only a shortcut: the server is idempotent on (source, messageId) and
 * stays the truth, so a lost or deleted journal costs calls, never duplicates. A `#finished <from>`
 * line records that the history was handed to the opinion analysis up to that point.
 */
export interface JournalState {
  done: Set<string>;
  /** Earliest submittedAt among messages answered since the last `#finished` line. */
  unfinishedFrom: string | null;
}

export const importDir = (root: string) => path.join(root, ".wrangler", "import");
export const journalPath = (root: string, source: string) => path.join(importDir(root), `${source}.done`);
export const refusalsPath = (root: string, source: string) => path.join(importDir(root), `${source}-refusals.csv`);

const earlier = (a: string | null, b: string): string => (a === null || Date.parse(b) < Date.parse(a) ? b : a);

export function readJournal(file: string): JournalState {
  const state: JournalState = { done: new Set(), unfinishedFrom: null };
  if (!existsSync(file)) return state;
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (line.startsWith("#finished")) state.unfinishedFrom = null;
    const [id, status, at] = line.split("\t");
    if (!id || !at || (status !== "imported" && status !== "already")) continue;
    state.done.add(id);
    state.unfinishedFrom = earlier(state.unfinishedFrom, at);
  }
  return state;
}

export class Journal {
  constructor(
    readonly file: string,
    readonly state: JournalState = readJournal(file),
  ) {}

  record(entries: { messageId: string; status: "imported" | "already"; submittedAt: string }[]): void {
    if (!entries.length) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    appendFileSync(this.file, entries.map((e) => `${e.messageId}\t${e.status}\t${e.submittedAt}\n`).join(""));
    for (const e of entries) {
      this.state.done.add(e.messageId);
      this.state.unfinishedFrom = earlier(this.state.unfinishedFrom, e.submittedAt);
    }
  }

  finished(from: string): void {
    appendFileSync(this.file, `#finished ${from}\n`);
    this.state.unfinishedFrom = null;
  }
}

export { earlier };
