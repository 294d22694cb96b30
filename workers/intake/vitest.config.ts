import { workerProject } from "../../test/worker-test-config.ts";

export default workerProject("intake", "../../wrangler.toml", { stubsConsole: true });
