import { describe, expect, it } from "vitest";
import { backConfig, frontConfig, splitAddresses } from "./split-config.ts";
import { readWorkerConfigs } from "./worker-configs.ts";
import type { ServedWorker } from "./workerd-config.ts";

const workers: ServedWorker[] = readWorkerConfigs().map(({ config }) => ({
  config,
  modules: [{ name: "index.js", file: `${config.name}/index.js`, type: "esModule" }],
}));
const addresses = splitAddresses(workers, 9000);
const options = { platformModule: "platform.js", remoteModule: "remote.js", storageDir: "/var/lib/wenzheng/state" };
const [front, back] = [frontConfig(workers, addresses, options), backConfig(workers, addresses, options)];

describe("the self-hosted target split over two workerd processes", () => {
  it("serves intake and the state in the front, the consumers in the back", () => {
    expect(front).toContain('(name = "wenzheng-intake-selfhost", worker = .worker0)');
    expect(front).not.toContain("worker = .worker1");
    for (const name of ["assignment", "deadline", "evaluation"]) {
      expect(back).toContain(`(name = "wenzheng-${name}-selfhost", worker = .worker`);
      expect(front).not.toContain(`(name = "wenzheng-${name}-selfhost", worker`);
    }
    expect(front).toContain(
      '(className = "CaseRecord", uniqueKey = "wenzheng-intake-selfhost-CaseRecord", enableSql = true)',
    );
    expect(back).toContain('uniqueKey = "wenzheng-assignment-selfhost-NearDuplicateIndex"');
  });

  it("keeps both processes' global fetch to public addresses (the front's outbox, the back's retry sweep)", () => {
    for (const config of [front, back])
      expect(config).toContain('network = (allow = ["public"], deny = ["local", "private"]');
  });

  it("gives the back's Workers the front's D1, queues and case objects over loopback", () => {
    expect(back).toContain(`(name = "front-d1", external = (address = "${addresses.front.d1}", http = ()))`);
    expect(back).toContain('innerBindings = [(name = "fetcher", service = "front-d1")]');
    expect(back).toContain('(name = "CASE_INTAKE", queue = "front-queue-case-intake-selfhost")');
    expect(back).toContain(
      '(name = "CASE_RECORD", wrapped = (moduleName = "selfhost:remote", entrypoint = "remoteObjects", innerBindings = [(name = "gateway", service = "front-objects"), (name = "className", text = "CaseRecord")]))',
    );
    // Its own class stays local.
    expect(back).toContain('(name = "NEAR_DUPLICATES", durableObjectNamespace = "NearDuplicateIndex")');
    expect(front).toContain(
      '(name = "OBJECTS_CaseRecord", durableObjectNamespace = (className = "CaseRecord", serviceName = "wenzheng-intake-selfhost"))',
    );
  });

  it("hosts the 在线访谈 sessions in the front, their WebSockets with them, and lets the back's console reach them", () => {
    expect(front).toContain(
      '(className = "InterviewSession", uniqueKey = "wenzheng-intake-selfhost-InterviewSession", enableSql = true)',
    );
    expect(back).toContain(
      '(name = "INTERVIEW_SESSION", wrapped = (moduleName = "selfhost:remote", entrypoint = "remoteObjects", innerBindings = [(name = "gateway", service = "front-objects"), (name = "className", text = "InterviewSession")]))',
    );
    expect(front).toContain(
      '(name = "OBJECTS_InterviewSession", durableObjectNamespace = (className = "InterviewSession", serviceName = "wenzheng-intake-selfhost"))',
    );
  });

  it("has the front's brokers, cron ledger and service bindings reach the back's Workers", () => {
    expect(front).toContain(
      '(name = "WORKER_wenzheng-assignment-selfhost", wrapped = (moduleName = "selfhost:remote", entrypoint = "remoteWorker", innerBindings = [(name = "relay", service = "back-relay"), (name = "worker", text = "wenzheng-assignment-selfhost")]))',
    );
    expect(front).toContain('(name = "WORKER_wenzheng-intake-selfhost", service = "wenzheng-intake-selfhost")');
    expect(front).toContain('(name = "CONSOLE", service = "remote-http-wenzheng-assignment-selfhost")');
    expect(back).toContain(
      `(name = "http-wenzheng-assignment-selfhost", address = "${addresses.back.workers["wenzheng-assignment-selfhost"]}"`,
    );
    expect(back).toContain('service = (name = "platform", entrypoint = "Relay"))');
  });

  it("uses a distinct loopback port for every socket", () => {
    const all = [
      addresses.front.http,
      addresses.front.control,
      addresses.front.d1,
      addresses.front.objects,
      ...Object.values(addresses.front.queues),
      addresses.back.relay,
      ...Object.values(addresses.back.workers),
    ];
    expect(new Set(all).size).toBe(all.length);
    expect(all.every((a) => a.startsWith("127.0.0.1:"))).toBe(true);
  });
});
