import { workerProject } from "../../test/worker-test-config.ts";

/** `npm run bench:duplicates`: the near-duplicate index at 1 k and 100 k cases, apart from the tests (it fills 100 k). */
export default workerProject("assignment-bench", "./wrangler.toml", {
  bindsCaseRecord: true,
  include: ["bench/**/*.bench.test.ts"],
});
