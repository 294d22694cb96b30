/**
 * The self-hosted target over two workerd processes (`npm run selfhost -- --split`), as Cloudflare
 * runs each Worker apart: the front serves intake, the case objects and the platform's state (D1, the
 * queues, the cron ledger); the back serves the consumers (assignment, deadline, evaluation). What one
 * side's bindings name on the other is reached over loopback HTTP, with the Workers' code unchanged:
 * - the back's D1 client and queue producers post to the front's D1 and queue sockets;
 * - the back's CASE_RECORD is `selfhost:remote`'s remoteObjects, calling the front's object gateway;
 * - the front's brokers and cron ledger reach the back's Workers through its relay (remoteWorker);
 * - intake's service bindings (console, reports) are the back Workers' own sockets.
 * Both processes must run on one host or a private network: the sockets carry no authentication.
 */
import { capnpString, designator, PLATFORM_SERVICE } from "./capnp.ts";
import { LOCAL_REACH, type Reach, workerBlock } from "./worker-block.ts";
import {
  configDocument,
  diskEntry,
  PLATFORM_COMPATIBILITY_DATE,
  platformBlock,
  type ServedWorker,
  socketEntry,
  storageDirectories,
} from "./workerd-config.ts";

export interface SplitAddresses {
  front: { http: string; control: string; d1: string; objects: string; queues: Record<string, string> };
  back: { relay: string; workers: Record<string, string> };
}

export interface SplitOptions {
  platformModule: string;
  /** The `selfhost:remote` extension (remote.ts bundled), relative to the configuration files. */
  remoteModule: string;
  /** Absolute state directory: each process's disks are under it. */
  storageDir: string;
}

/** Loopback addresses from a base port: the front's public port, then every socket after it. */
export function splitAddresses(workers: ServedWorker[], basePort: number): SplitAddresses {
  let next = basePort + 2;
  const at = () => `127.0.0.1:${next++}`;
  const queues = Object.fromEntries(backQueues(workers).map((q) => [q, at()]));
  return {
    front: { http: `127.0.0.1:${basePort}`, control: `127.0.0.1:${basePort + 1}`, d1: at(), objects: at(), queues },
    back: { relay: at(), workers: Object.fromEntries(boundFromFront(workers).map((w) => [w, at()])) },
  };
}

const [frontOf, backOf] = [(w: ServedWorker[]) => w.slice(0, 1), (w: ServedWorker[]) => w.slice(1)];
const names = (w: ServedWorker[]) => new Set(w.map(({ config }) => config.name));
/** Queues the back's Workers produce to. */
const backQueues = (workers: ServedWorker[]) => [
  ...new Set(backOf(workers).flatMap(({ config }) => config.queues.producers.map((p) => p.queue))),
];
/** Back Workers the front binds by service. */
const boundFromFront = (workers: ServedWorker[]) => {
  const back = names(backOf(workers));
  return [...new Set(frontOf(workers).flatMap(({ config }) => config.services.map((s) => s.service)))].filter((w) =>
    back.has(w),
  );
};

const external = (name: string, address: string) =>
  `    (name = ${capnpString(name)}, external = (address = ${capnpString(address)}, http = ()))`;
const disks = (workers: ServedWorker[], storageDir: string, withPlatform: boolean) =>
  storageDirectories(workers)
    .filter((d) => withPlatform || d.subdir !== PLATFORM_SERVICE)
    .map(({ service, subdir }) => diskEntry(service, `${storageDir}/${subdir}`));

const document = (services: string[], sockets: string[], blocks: string[], remoteModule: string) =>
  configDocument({
    services,
    sockets,
    extra: `extensions = [(modules = [(name = "selfhost:remote", esModule = embed ${capnpString(remoteModule)}, internal = true)])]`,
    blocks,
  });

export function frontConfig(workers: ServedWorker[], addresses: SplitAddresses, options: SplitOptions): string {
  const [front, back] = [frontOf(workers), backOf(workers)];
  const remote = names(back);
  const reach: Reach = {
    ...LOCAL_REACH,
    service: (worker, entrypoint) =>
      remote.has(worker) ? capnpString(`remote-http-${worker}`) : LOCAL_REACH.service(worker, entrypoint),
  };
  const gatewayClasses = [
    ...new Map(
      back.flatMap(({ config }) =>
        config.durable_objects.bindings
          .filter((d) => d.script_name && !remote.has(d.script_name))
          .map((d) => [d.class_name, { className: d.class_name, worker: d.script_name ?? "" }] as const),
      ),
    ).values(),
  ];
  const platform = platformBlock(workers, options.platformModule, {
    remote,
    gatewayClasses,
    remoteWorker: (worker) =>
      `wrapped = (moduleName = "selfhost:remote", entrypoint = "remoteWorker", innerBindings = [(name = "relay", service = "back-relay"), (name = "worker", text = ${capnpString(worker)})])`,
  });
  const services = [
    ...front.map(({ config }, i) => `    (name = ${capnpString(config.name)}, worker = .worker${i})`),
    `    (name = ${capnpString(PLATFORM_SERVICE)}, worker = .platform)`,
    ...disks(front, options.storageDir, true),
    external("back-relay", addresses.back.relay),
    ...Object.entries(addresses.back.workers).map(([w, address]) => external(`remote-http-${w}`, address)),
  ];
  const intake = front[0]?.config.name ?? "";
  const sockets = [
    socketEntry("http", addresses.front.http, capnpString(intake)),
    socketEntry("control", addresses.front.control, capnpString(PLATFORM_SERVICE)),
    socketEntry("d1", addresses.front.d1, designator("D1Entry", { database: databaseOf(workers) })),
    socketEntry(
      "objects",
      addresses.front.objects,
      `(name = ${capnpString(PLATFORM_SERVICE)}, entrypoint = "ObjectGateway")`,
    ),
    ...Object.entries(addresses.front.queues).map(([q, address]) =>
      socketEntry(`queue-${q}`, address, designator("QueueEntry", { queue: q })),
    ),
  ];
  const blocks = [
    ...front.map((w, i) => `const worker${i} :Workerd.Worker = ${workerBlock(w, reach)};`),
    `const platform :Workerd.Worker = ${platform};`,
  ];
  return document(services, sockets, blocks, options.remoteModule);
}

export function backConfig(workers: ServedWorker[], addresses: SplitAddresses, options: SplitOptions): string {
  const back = backOf(workers);
  const local = names(back);
  const reach: Reach = {
    d1: () => capnpString("front-d1"),
    queue: (queue) => capnpString(`front-queue-${queue}`),
    foreignObjects: (className, worker) =>
      local.has(worker)
        ? LOCAL_REACH.foreignObjects(className, worker)
        : `wrapped = (moduleName = "selfhost:remote", entrypoint = "remoteObjects", innerBindings = [(name = "gateway", service = "front-objects"), (name = "className", text = ${capnpString(className)})])`,
    service: (worker, entrypoint) => {
      if (!local.has(worker)) throw new Error(`a back Worker binds ${worker}, which the front serves: not supported`);
      return LOCAL_REACH.service(worker, entrypoint);
    },
  };
  const services = [
    ...back.map(({ config }, i) => `    (name = ${capnpString(config.name)}, worker = .worker${i})`),
    `    (name = ${capnpString(PLATFORM_SERVICE)}, worker = .relay)`,
    ...disks(back, options.storageDir, false),
    external("front-d1", addresses.front.d1),
    external("front-objects", addresses.front.objects),
    ...Object.entries(addresses.front.queues).map(([q, address]) => external(`front-queue-${q}`, address)),
  ];
  const sockets = [
    socketEntry("relay", addresses.back.relay, `(name = ${capnpString(PLATFORM_SERVICE)}, entrypoint = "Relay")`),
    ...Object.entries(addresses.back.workers).map(([w, address]) => socketEntry(`http-${w}`, address, capnpString(w))),
  ];
  // The back's platform only relays and limits rates: the Workers it hands batches and events to.
  const relay = `(
  modules = [(name = "platform.js", esModule = embed ${capnpString(options.platformModule)})],
  compatibilityDate = ${capnpString(PLATFORM_COMPATIBILITY_DATE)},
  compatibilityFlags = ["service_binding_extra_handlers", "experimental"],
  bindings = [
${back.map(({ config }) => `    (name = ${capnpString(`WORKER_${config.name}`)}, service = ${capnpString(config.name)})`).join(",\n")}
  ]
)`;
  const blocks = [
    ...back.map((w, i) => `const worker${i} :Workerd.Worker = ${workerBlock(w, reach)};`),
    `const relay :Workerd.Worker = ${relay};`,
  ];
  return document(services, sockets, blocks, options.remoteModule);
}

function databaseOf(workers: ServedWorker[]): string {
  const [database] = new Set(workers.flatMap(({ config }) => config.d1_databases.map((d) => d.database_name)));
  if (!database) throw new Error("no D1 database");
  return database;
}
