/**
 * `npm run city -- --file cities/<city>.yaml --check`: validates a city file (its YAML, every field,
 * every reference between its parts) and prints what it holds, or each problem as file:line:column.
 * `npm run city -- --file … --env local|staging|production|selfhost`: loads it into that environment's D1
 * (local: the database `npm start` uses; selfhost: the one `npm run selfhost` serves, SELFHOST_DATA=DIR). Re-running updates, never duplicates; what the file no
 * longer lists is deactivated, and a department it drops while that department still holds open
 * cases makes the whole load refuse, changing nothing.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { CityFileError, parseCityFile } from "../shared/city/city-file";
import { cityRows, removedButBusy } from "../shared/city/city-rows";
import { citySql } from "../shared/city/city-sql";
import { sqlLiteral } from "../shared/db/sql-literal";
import { OPEN_STATUSES } from "../shared/domain/case-model";
import { d1ExecuteStatements, d1Query, SCRIPT_ENVIRONMENTS } from "./d1-execute.ts";

const { values } = parseArgs({
  options: { file: { type: "string" }, check: { type: "boolean", default: false }, env: { type: "string" } },
});
if (!values.file || (!values.check && !(SCRIPT_ENVIRONMENTS as readonly string[]).includes(values.env ?? ""))) {
  console.error("Usage: npm run city -- --file cities/<city>.yaml (--check | --env local|staging|production|selfhost)");
  process.exit(2);
}

let city: ReturnType<typeof parseCityFile>;
try {
  city = parseCityFile(readFileSync(values.file, "utf8"), values.file);
} catch (e) {
  if (!(e instanceof CityFileError)) throw e;
  console.error(e.message);
  process.exit(1);
}
console.log(
  `✔ ${values.file}: ${city.city.name}, ${city.regions.length} regions, ${city.departments.length} departments, ` +
    `${city.categories.length} categories, ${city.dispatch.length} 派单目录 lines, ${city.mailboxes.length} leader mailboxes, ` +
    `${city.spokespeople.length} spokespeople, ${city.evaluatorGroups.length} evaluator groups`,
);
if (values.check) process.exit(0);

const env = values.env ?? "";
const open = OPEN_STATUSES.map(sqlLiteral).join(", ");
const counts = (
  await d1Query(
    env,
    `SELECT d.id AS id, (SELECT count(*) FROM cases c WHERE c.department_id = d.id AND c.status IN (${open})) AS open FROM departments d`,
  )
).map((r) => ({ id: String(r.id), open: Number(r.open) }));
const busy = removedButBusy(city, counts);
if (busy.length > 0) {
  console.error(
    `✖ Refused, nothing changed: the file drops departments that still hold open cases: ${busy.map((d) => `${d.id} (${d.open})`).join(", ")}. Reassign their cases first.`,
  );
  process.exit(1);
}
const at = new Date().toISOString();
await d1ExecuteStatements(
  env,
  citySql(cityRows(city, at), { at, file: path.basename(values.file), region: city.city.region }),
);
console.log(`✔ loaded into ${values.env}.`);
if (city.spokespeople.length > 0)
  console.log(
    "  Spokespeople's accounts have no password yet: an admin issues each a one-time password in the console (系统管理 → 用户 → 重置密码).",
  );
