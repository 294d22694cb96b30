/**
 * `npm run deploy -- --dry-run [--env …] [--plan free|paid]`: see dry-run.ts.
 */
import { parseArgs } from "node:util";
import { dryRun, type Plan, SIZE_LIMITS } from "./dry-run.ts";

const { values } = parseArgs({
  options: {
    env: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    plan: { type: "string", default: "free" },
  },
});

function fail(message: string): never {
  console.error(`\n✖ ${message}`);
  process.exit(1);
}

const plan = values.plan;
if (plan !== "free" && plan !== "paid") fail(`--plan must be free or paid, got "${plan}".`);
if (values.env !== undefined && values.env !== "staging" && values.env !== "production")
  fail(`--env must be staging or production, got "${values.env}".`);

if (values["dry-run"]) {
  const sizes = await dryRun(values.env, plan as Plan);
  const over = sizes.filter((s) => s.gzipBytes > SIZE_LIMITS[plan as Plan]);
  if (over.length > 0) fail(`${over.map((s) => s.worker).join(", ")} over Cloudflare's ${plan}-plan size limit.`);
  console.log("\n✔ All four bundles build and fit.");
} else {
  fail("Deploying to Cloudflare needs --env staging|production (and `npm run setup` first); see the README runbook.");
}
