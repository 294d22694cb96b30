/**
 * One Worker's block of the workerd configuration: its modules, compatibility, bindings (each
 * Cloudflare binding in its workerd form; see workerd-config.ts) and durable object namespaces.
 */
import type { RateLimitSettings } from "../../selfhost/platform/rate-window.ts";
import { IMPORT_TOKEN_SECRET } from "../../shared/import/import-item.schema.ts";
import { PROVIDER_SECRETS, RECEIPT_TOKEN_SECRET } from "../../shared/notify/provider.ts";
import { capnpString, designator, diskService, json } from "./capnp.ts";
import type { WorkerConfig } from "./worker-configs.ts";
import type { ServedWorker } from "./workerd-config.ts";

/**
 * How a Worker's bindings reach what they name: in one process, the platform and the other Workers
 * directly (LOCAL_REACH); split over two, some of them through the other process (split-config.ts).
 */
export interface Reach {
  /** The service designator of the D1 client's backend. */
  d1(database: string): string;
  /** The service designator a queue producer posts to. */
  queue(queue: string): string;
  /** The binding's body for a durable object namespace another Worker hosts (`script_name`). */
  foreignObjects(className: string, worker: string): string;
  /** The service designator of a service binding to another Worker. */
  service(worker: string, entrypoint: string | undefined): string;
}

export const LOCAL_REACH: Reach = {
  d1: (database) => designator("D1Entry", { database }),
  queue: (queue) => designator("QueueEntry", { queue }),
  foreignObjects: (className, worker) =>
    `durableObjectNamespace = (className = ${capnpString(className)}, serviceName = ${capnpString(worker)})`,
  service: (worker, entrypoint) =>
    `(name = ${capnpString(worker)}${entrypoint ? `, entrypoint = ${capnpString(entrypoint)}` : ""})`,
};

/**
 * Secrets a Worker reads only when set (the notification providers' credentials, the import's token), by the Worker's
 * base name: taken from the environment like the required ones; an unset one reaches it as null.
 */
const OPTIONAL_SECRETS: Record<string, readonly string[]> = {
  "wenzheng-deadline": PROVIDER_SECRETS,
  "wenzheng-intake": [RECEIPT_TOKEN_SECRET, IMPORT_TOKEN_SECRET],
};

function bindings(config: WorkerConfig, reach: Reach): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(config.vars))
    out.push(
      typeof value === "string"
        ? `(name = ${capnpString(name)}, text = ${capnpString(value)})`
        : `(name = ${capnpString(name)}, json = ${json(value)})`,
    );
  const optional = OPTIONAL_SECRETS[config.name.replace(/-selfhost$/, "")] ?? [];
  for (const name of [...(config.secrets?.required ?? []), ...optional])
    out.push(`(name = ${capnpString(name)}, fromEnvironment = ${capnpString(name)})`);
  for (const db of config.d1_databases)
    out.push(
      `(name = ${capnpString(db.binding)}, wrapped = (moduleName = "cloudflare-internal:d1-api", innerBindings = [(name = "fetcher", service = ${reach.d1(db.database_name)})]))`,
    );
  for (const d of config.durable_objects.bindings)
    out.push(
      d.script_name
        ? `(name = ${capnpString(d.name)}, ${reach.foreignObjects(d.class_name, d.script_name)})`
        : `(name = ${capnpString(d.name)}, durableObjectNamespace = ${capnpString(d.class_name)})`,
    );
  for (const p of config.queues.producers)
    out.push(`(name = ${capnpString(p.binding)}, queue = ${reach.queue(p.queue)})`);
  for (const r of config.ratelimits) {
    const settings: RateLimitSettings = { namespace: r.namespace_id, limit: r.simple.limit, period: r.simple.period };
    out.push(`(name = ${capnpString(r.name)}, service = ${designator("RateLimiter", settings)})`);
  }
  for (const s of config.services)
    out.push(`(name = ${capnpString(s.binding)}, service = ${reach.service(s.service, s.entrypoint)})`);
  return out;
}

export function workerBlock({ config, modules }: ServedWorker, reach: Reach = LOCAL_REACH): string {
  const ownClasses = config.durable_objects.bindings.filter((d) => !d.script_name).map((d) => d.class_name);
  const sqlite = new Set(config.migrations.flatMap((m) => m.new_sqlite_classes ?? []));
  const lines = [
    `  modules = [\n${modules.map((m) => `    (name = ${capnpString(m.name)}, ${m.type} = embed ${capnpString(m.file)})`).join(",\n")}\n  ]`,
    `  compatibilityDate = ${capnpString(config.compatibility_date)}`,
    `  compatibilityFlags = [${config.compatibility_flags.map(capnpString).join(", ")}]`,
    `  bindings = [\n${bindings(config, reach)
      .map((b) => `    ${b}`)
      .join(",\n")}\n  ]`,
  ];
  if (ownClasses.length > 0) {
    lines.push(
      `  durableObjectNamespaces = [${ownClasses
        .map(
          (c) =>
            `(className = ${capnpString(c)}, uniqueKey = ${capnpString(`${config.name}-${c}`)}, enableSql = ${sqlite.has(c)})`,
        )
        .join(", ")}]`,
      `  durableObjectStorage = (localDisk = ${capnpString(diskService(config.name))})`,
    );
  }
  return `(\n${lines.join(",\n")}\n)`;
}
