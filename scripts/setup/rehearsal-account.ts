import type { Account, DeployOptions } from "./account.ts";
import type { SetupPlan } from "./plan.ts";

/**
 * An account that behaves as Cloudflare's does where setup depends on it: a Worker binding the
 * durable object needs its host deployed, a service binding needs its target, a queue consumer its
 * queue, migrations their database. `failAt` makes the n-th change throw, as a dropped connection
 * or a Ctrl-C would.
 */
export class RehearsalAccount implements Account {
  databases = new Set<string>();
  queues = new Set<string>();
  migrated = false;
  workers = new Map<string, { services: boolean; secrets: Set<string> }>();
  changes = 0;
  constructor(
    private plan: SetupPlan,
    public failAt = Number.POSITIVE_INFINITY,
    private signedIn = true,
  ) {}
  /** Every deploy, in order, as "name" or "name (bootstrap)"; and every migrations run. */
  calls: string[] = [];
  private get host() {
    return this.plan.workers[0]?.name ?? "";
  }
  private nameOf(configPath: string) {
    return this.plan.workers.find((w) => w.configPath === configPath)?.name ?? "?";
  }
  private change(what: string) {
    if (++this.changes === this.failAt) throw new Error(`interrupted at ${what}`);
  }
  async whoami() {
    return this.signedIn ? "it@city.example" : null;
  }
  async listDatabases() {
    return [...this.databases];
  }
  async createDatabase(name: string) {
    this.change(`d1 create ${name}`);
    this.databases.add(name);
  }
  async queueExists(name: string) {
    return this.queues.has(name);
  }
  async createQueue(name: string) {
    this.change(`queues create ${name}`);
    this.queues.add(name);
  }
  async applyMigrations() {
    if (!this.databases.has(this.plan.database)) throw new Error("no such database");
    this.calls.push("migrations");
    if (!this.migrated) this.change("migrations apply");
    this.migrated = true;
  }
  async workerExists(name: string) {
    return this.workers.has(name);
  }
  async listSecrets(configPath: string) {
    return [...(this.workers.get(this.nameOf(configPath))?.secrets ?? [])];
  }
  async deploy(configPath: string, _env: string, options: DeployOptions = {}) {
    const worker = this.plan.workers.find((w) => w.configPath === configPath);
    if (!worker) throw new Error(`unknown config ${configPath}`);
    if (worker.name !== this.host && !this.workers.has(this.host)) throw new Error("durable object host not deployed");
    if (!options.withoutServices && worker.services.some((s) => !this.workers.has(s)))
      throw new Error("service binding to a Worker that does not exist");
    if (!this.migrated || this.plan.queues.some((q) => !this.queues.has(q))) throw new Error("resources missing");
    this.change(`deploy ${worker.name}`);
    this.calls.push(options.withoutServices ? `${worker.name} (bootstrap)` : worker.name);
    const secrets = new Set([...(this.workers.get(worker.name)?.secrets ?? []), ...Object.keys(options.secrets ?? {})]);
    this.workers.set(worker.name, { services: !options.withoutServices, secrets });
  }
  /** The account's end state, for comparing runs. */
  snapshot() {
    return {
      databases: [...this.databases].sort(),
      queues: [...this.queues].sort(),
      migrated: this.migrated,
      workers: [...this.workers].map(([n, w]) => [n, w.services, [...w.secrets].sort()]).sort(),
    };
  }
}
