/**
 * `npm run city -- --file cities/<city>.yaml --check`: validates a city file (its YAML, every field,
 * every reference between its parts) and prints what it holds, or each problem as file:line:column.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { CityFileError, parseCityFile } from "../shared/city/city-file";

const { values } = parseArgs({ options: { file: { type: "string" }, check: { type: "boolean", default: false } } });
if (!values.file) {
  console.error("Usage: npm run city -- --file cities/<city>.yaml --check");
  process.exit(2);
}
if (!values.check) {
  console.error("Only --check is available so far: loading a city into D1 is being built (see the production issue).");
  process.exit(2);
}
try {
  const city = parseCityFile(readFileSync(values.file, "utf8"), values.file);
  console.log(
    `✔ ${values.file}: ${city.city.name}, ${city.regions.length} regions, ${city.departments.length} departments, ` +
      `${city.categories.length} categories, ${city.dispatch.length} 派单目录 lines, ${city.mailboxes.length} leader mailboxes, ` +
      `${city.spokespeople.length} spokespeople, ${city.evaluatorGroups.length} evaluator groups`,
  );
} catch (e) {
  if (!(e instanceof CityFileError)) throw e;
  console.error(e.message);
  process.exit(1);
}
