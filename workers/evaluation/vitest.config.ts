import { workerProject } from "../../test/worker-test-config.ts";

export default workerProject("evaluation", "./wrangler.toml");
