/** `npm run smoke -- --url <base>`: see smoke.ts. */
import { parseArgs } from "node:util";
import { runSmoke } from "./smoke.ts";

const { values } = parseArgs({ options: { url: { type: "string" } } });
if (!values.url) {
  console.error("Usage: npm run smoke -- --url https://wenzheng-staging.example.gov.cn (or http://127.0.0.1:8787)");
  process.exit(2);
}
try {
  await runSmoke(values.url, (line) => console.log(line));
} catch (error) {
  console.error(`\n✖ ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
