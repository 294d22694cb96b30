import { describe, expect, it } from "vitest";
import { readWorkerConfigs } from "../selfhost/worker-configs.ts";

describe("what only local development has", () => {
  it.each(["staging", "production", "selfhost"])(
    "%s: no Worker is 'local' (the demo seed and the /__dev inbox answer 404), and no notification goes to the local inbox",
    (env) => {
      for (const { configPath, config } of readWorkerConfigs(env)) {
        expect(config.vars.WENZHENG_ENV, configPath).toBe(env);
        const notify = config.vars.NOTIFY as { sms?: string; email?: string } | undefined;
        if (notify) {
          expect(notify.sms, configPath).not.toBe("local");
          expect(notify.email, configPath).not.toBe("local");
        }
      }
    },
  );

  it("the notifications queue has its producers (intake, deadline) and one consumer (deadline)", () => {
    const configs = readWorkerConfigs("production").map(({ config }) => config);
    const consumers = configs.filter((c) => c.queues.consumers.some((q) => q.queue === "notifications-production"));
    expect(consumers.map((c) => c.name)).toEqual(["wenzheng-deadline-production"]);
  });
});
