/**
 * The operator scripts' way into a running self-hosted Wenzheng: the platform's control socket
 * (loopback only, bearer token), whose address `npm run selfhost` writes to `<data>/control.json`.
 * The data directory comes from --data or SELFHOST_DATA.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readSecrets } from "./secrets.ts";
import { CONTROL_TOKEN_VARIABLE } from "./workerd-config.ts";

export interface ControlEndpoint {
  url: string;
  token: string;
}

const endpointFile = (dataDir: string) => path.join(dataDir, "control.json");

export function writeControlEndpoint(dataDir: string, url: string): void {
  writeFileSync(endpointFile(dataDir), `${JSON.stringify({ url })}\n`);
}

export function controlEndpoint(dataDir = process.env.SELFHOST_DATA): ControlEndpoint {
  if (!dataDir) throw new Error("the self-hosted data directory: pass --data DIR or set SELFHOST_DATA");
  if (!existsSync(endpointFile(dataDir)))
    throw new Error(`${endpointFile(dataDir)} is missing: is \`npm run selfhost -- --data ${dataDir}\` running?`);
  const { url } = JSON.parse(readFileSync(endpointFile(dataDir), "utf8")) as { url: string };
  const token = readSecrets(dataDir)[CONTROL_TOKEN_VARIABLE];
  if (!token) throw new Error(`${CONTROL_TOKEN_VARIABLE} is missing from ${dataDir}/secrets.env`);
  return { url, token };
}

export async function controlRequest<T>(
  endpoint: ControlEndpoint,
  method: string,
  route: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(new URL(route, endpoint.url), {
    method,
    headers: { authorization: `Bearer ${endpoint.token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`control ${method} ${route}: HTTP ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

export interface SqlStatement {
  sql: string;
  params?: (string | number | null)[];
}

/** Statements as one D1 batch (one transaction); each statement's rows. */
export async function sqlBatch(
  endpoint: ControlEndpoint,
  statements: SqlStatement[],
): Promise<Record<string, unknown>[][]> {
  const out = await controlRequest<{ results: { results: Record<string, unknown>[] }[] }>(endpoint, "POST", "/sql", {
    statements,
  });
  return out.results.map((r) => r.results);
}

/** Waits until the control socket answers (workerd has just started). */
export async function waitForControl(endpoint: ControlEndpoint, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await controlRequest(endpoint, "GET", "/queues");
      return;
    } catch (error) {
      if (Date.now() > until) throw new Error(`the control socket ${endpoint.url} did not answer: ${String(error)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
