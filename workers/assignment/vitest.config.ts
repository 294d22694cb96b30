import { workerProject } from "../../test/worker-test-config.ts";

export default workerProject("assignment", "./wrangler.toml", { bindsCaseRecord: true });
