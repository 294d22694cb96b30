/** The workerd binary installed from npm (the `workerd` package), the one the offline archive ships. */
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

export function workerdBinary(): string {
  return path.join(path.dirname(require.resolve("workerd/package.json")), "bin", "workerd");
}
