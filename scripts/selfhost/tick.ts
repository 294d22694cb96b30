/**
 * `npm run selfhost:tick -- --data DIR`: fires the self-hosted Workers' crons that are due (the
 * systemd timer runs this each minute). Safe to run twice or late: the platform fires each cron once
 * per due time. Prints what it fired; exits non-zero when a handler failed (systemd logs it).
 */
import { parseArgs } from "node:util";
import type { Fired } from "../../selfhost/platform/cron.ts";
import { controlEndpoint, controlRequest } from "./control-client.ts";

const { values } = parseArgs({ options: { data: { type: "string" } } });
const { fired } = await controlRequest<{ fired: Fired[] }>(controlEndpoint(values.data), "POST", "/tick");
for (const f of fired) console.log(`${f.scheduledTime} ${f.worker} "${f.cron}": ${f.outcome}`);
if (fired.some((f) => f.outcome !== "ok")) process.exit(1);
