/**
 * `npm run selfhost:check -- --data DIR [--record]`: reads every SQLite file of a self-hosted
 * Wenzheng (read-only, while it serves) and names each one SQLite cannot read or that fails its
 * integrity check. A damaged case object is named by its tracking number (from the object's own
 * snapshot, or found in the file's bytes when SQLite cannot open it): only that case is affected,
 * every other case keeps working. `--record` also lists each as failed work on the console's
 * failed-work page (queue "object"), where supervisors look. The remedy is that one file from the
 * latest backup (the same name under state/), copied in while the service is stopped.
 * Exits 1 when anything is damaged, so the systemd unit that runs it shows failed.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { parseArgs } from "node:util";
import { controlEndpoint, sqlBatch } from "./control-client.ts";
import { layout } from "./layout.ts";

interface Damage {
  file: string;
  trackingNo: string | null;
  error: string;
}

/** Every SQLite file under the state directory (objects, their alarm indexes, D1). */
function sqliteFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".sqlite"))
    .map((f) => path.join(dir, f));
}

/** The case an object file belongs to, when its snapshot can be read. */
function caseOf(db: DatabaseSync): string | null {
  const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'snapshot'").get();
  if (!table) return null;
  const row = db.prepare("SELECT state FROM snapshot").get() as { state?: string } | undefined;
  return row?.state ? ((JSON.parse(row.state) as { trackingNo?: string }).trackingNo ?? null) : null;
}

function checkState(storageDir: string): { checked: number; damaged: Damage[] } {
  const damaged: Damage[] = [];
  const files = sqliteFiles(storageDir);
  for (const file of files) {
    try {
      const db = new DatabaseSync(file, { readOnly: true });
      try {
        const result = db.prepare("PRAGMA quick_check").all() as { quick_check: string }[];
        if (result[0]?.quick_check !== "ok")
          damaged.push({ file, trackingNo: caseOf(db), error: result.map((r) => r.quick_check).join("; ") });
      } finally {
        db.close();
      }
    } catch (error) {
      // SQLite cannot open it at all: the case's tracking number is still in its pages as text.
      const found = /"trackingNo":"([0-9A-Z]{12})"/.exec(readFileSync(file, "latin1"));
      damaged.push({
        file,
        trackingNo: found?.[1] ?? null,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { checked: files.length, damaged };
}

const { values } = parseArgs({ options: { data: { type: "string" }, record: { type: "boolean", default: false } } });
if (!values.data) {
  console.error("Usage: npm run selfhost:check -- --data DIR [--record]");
  process.exit(2);
}
const { storage } = layout(path.resolve(values.data));
const { checked, damaged } = checkState(storage);
for (const d of damaged)
  console.log(
    `✖ ${d.trackingNo ? `case ${d.trackingNo}` : "no case found"}: ${path.relative(storage, d.file)}: ${d.error}`,
  );
if (values.record && damaged.length > 0) {
  const now = new Date().toISOString();
  await sqlBatch(
    controlEndpoint(values.data),
    damaged.map((d) => ({
      sql: "INSERT INTO dead_letters (id, queue, body, error, attempts, received_at) VALUES (?, 'object', ?, ?, 0, ?) ON CONFLICT (id) DO NOTHING",
      params: [
        `object:${path.basename(d.file)}`,
        JSON.stringify({ trackingNo: d.trackingNo, file: path.relative(storage, d.file) }),
        `unreadable object file: ${d.error}`,
        now,
      ],
    })),
  );
}
console.log(`${damaged.length === 0 ? "✔" : "✖"} ${checked} SQLite files checked, ${damaged.length} damaged.`);
process.exit(damaged.length === 0 ? 0 : 1);
