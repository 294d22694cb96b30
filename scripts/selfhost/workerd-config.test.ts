import { describe, expect, it } from "vitest";
import { capnpString } from "./capnp.ts";
import { readWorkerConfigs } from "./worker-configs.ts";
import { queueTable, type ServedWorker, workerdConfig } from "./workerd-config.ts";

const workers: ServedWorker[] = readWorkerConfigs().map(({ config }) => ({
  config,
  modules: [{ name: "index.js", file: `${config.name}/index.js`, type: "esModule" }],
}));
const generated = workerdConfig(workers, { platformModule: "platform.js" });

describe("the generated workerd configuration", () => {
  it("serves the four Workers of the selfhost environment and the platform", () => {
    for (const name of ["intake", "assignment", "deadline", "evaluation"])
      expect(generated).toContain(`(name = "wenzheng-${name}-selfhost", worker = .worker`);
    expect(generated).toContain('(name = "platform", worker = .platform)');
    expect(generated).toContain('service = "wenzheng-intake-selfhost"),');
  });

  it("binds the durable object another Worker hosts through serviceName, and stores objects on disk", () => {
    expect(generated).toContain(
      '(name = "CASE_RECORD", durableObjectNamespace = (className = "CaseRecord", serviceName = "wenzheng-intake-selfhost"))',
    );
    expect(generated).toContain(
      '(className = "CaseRecord", uniqueKey = "wenzheng-intake-selfhost-CaseRecord", enableSql = true)',
    );
    expect(generated).toContain('disk = (path = "/var/lib/wenzheng/state/wenzheng-intake-selfhost", writable = true)');
    // 在线访谈: intake's own class, bound by the console (assignment) from intake.
    expect(generated).toContain(
      '(className = "InterviewSession", uniqueKey = "wenzheng-intake-selfhost-InterviewSession", enableSql = true)',
    );
    expect(generated).toContain(
      '(name = "INTERVIEW_SESSION", durableObjectNamespace = (className = "InterviewSession", serviceName = "wenzheng-intake-selfhost"))',
    );
  });

  it("takes secrets from the environment and never writes a value", () => {
    expect(generated).toContain('(name = "QUERY_CODE_SECRET", fromEnvironment = "QUERY_CODE_SECRET")');
    expect(generated).toContain('(name = "SESSION_SECRET", fromEnvironment = "SESSION_SECRET")');
    expect(generated).toContain('(name = "CONTROL_TOKEN", fromEnvironment = "SELFHOST_CONTROL_TOKEN")');
    // The SMS and e-mail credentials, optional: an unset one reaches the deadline Worker as null.
    expect(generated).toContain('(name = "SMS_ACCESS_KEY_SECRET", fromEnvironment = "SMS_ACCESS_KEY_SECRET")');
    expect(generated).toContain('(name = "WENZHENG_ENV", text = "selfhost")');
  });

  it("puts D1, queues and rate limits behind the platform with their settings", () => {
    expect(generated).toContain('moduleName = "cloudflare-internal:d1-api"');
    expect(generated).toContain(`props = (json = ${capnpString(JSON.stringify({ database: "wenzheng-selfhost" }))})`);
    expect(generated).toContain(
      `(name = "CASE_INTAKE", queue = (name = "platform", entrypoint = "QueueEntry", props = (json = ${capnpString(JSON.stringify({ queue: "case-intake-selfhost" }))})))`,
    );
    expect(generated).toContain(
      `(name = "SUBMIT_LIMITER", service = (name = "platform", entrypoint = "RateLimiter", props = (json = ${capnpString(JSON.stringify({ namespace: "1301", limit: 10, period: 60 }))})))`,
    );
  });

  it("gives every queue its consumer's settings, Cloudflare's defaults where the config is silent", () => {
    const table = queueTable(workers);
    expect(table["case-intake-selfhost"]).toEqual({
      worker: "wenzheng-assignment-selfhost",
      maxBatchSize: 10,
      maxBatchTimeoutSeconds: 1,
      maxRetries: 5,
      retryDelaySeconds: 0,
      maxConcurrency: 4,
      deadLetterQueue: "case-intake-dlq-selfhost",
    });
    // Every queue produced to has a consumer here (a dead letter's too).
    expect(Object.entries(table).filter(([, c]) => c === null)).toEqual([]);
    const [first] = workers;
    if (!first) throw new Error("no Workers");
    const twice = {
      ...first,
      config: { ...first.config, queues: { producers: [], consumers: [{ queue: "q" }, { queue: "q" }] } },
    };
    expect(() => queueTable([twice])).toThrow("queue q has two consumers");
  });

  it("lets the Workers' global fetch (webhooks, providers) reach public addresses only", () => {
    expect(generated).toContain(
      '(name = "internet", network = (allow = ["public"], deny = ["local", "private"], tlsOptions = (trustBrowserCas = true)))',
    );
  });

  it("lists the crons for the platform to fire", () => {
    expect(generated).toContain(
      capnpString(
        JSON.stringify([
          { worker: "wenzheng-deadline-selfhost", cron: "*/5 * * * *" },
          { worker: "wenzheng-deadline-selfhost", cron: "0 1 * * *" },
          { worker: "wenzheng-evaluation-selfhost", cron: "7 * * * *" },
        ]),
      ),
    );
  });
});

describe("capnpString", () => {
  it("escapes quotes, backslashes and control characters and keeps UTF-8", () => {
    expect(capnpString('平凉 "a"\\b\n')).toBe('"平凉 \\"a\\"\\\\b\\x0a"');
  });
});
