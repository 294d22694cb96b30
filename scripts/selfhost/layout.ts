/** Where things are under a self-hosted data directory: the built program (app) and the state. */
import path from "node:path";

export interface SelfhostLayout {
  app: string;
  storage: string;
  config: string;
}

export function layout(dataDir: string): SelfhostLayout {
  const app = path.join(dataDir, "app");
  return { app, storage: path.join(dataDir, "state"), config: path.join(app, "workerd.capnp") };
}
