import { workerProject } from "../../test/worker-test-config.ts";

export default workerProject("deadline", "./wrangler.toml", { bindsCaseRecord: true });
