/**
 * `tools/migrate.mjs --data DIR` in an installed self-hosted Wenzheng (systemd runs it after each
 * start): waits for workerd, applies the D1 migrations not yet applied. `npm run selfhost` does the same.
 */
import { parseArgs } from "node:util";
import { controlEndpoint, waitForControl } from "./control-client.ts";
import { applyMigrations } from "./migrate.ts";

const { values } = parseArgs({ options: { data: { type: "string" } } });
const endpoint = controlEndpoint(values.data);
await waitForControl(endpoint);
const applied = await applyMigrations(endpoint);
console.log(applied.length > 0 ? `applied ${applied.join(", ")}` : "the database is up to date");
