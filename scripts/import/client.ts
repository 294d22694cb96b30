import { ErrorBody } from "../../shared/http/error-body.schema";

/**
 * The import API as the CLI calls it: bearer token, JSON both ways, and patience with a server that
 * is restarting (5xx, 429, connection refused): those are retried with a growing pause, like
 * `npm start`'s seeding. Any other 4xx is the server's considered answer and is not retried.
 */
export interface Target {
  baseUrl: string;
  token: string;
  /** Attempts per call, the first included. */
  tries?: number;
  /** The first pause between attempts; each later one doubles. */
  backoffMs?: number;
  fetch?: typeof fetch;
}

/** The server refused the call itself (bad token, missing route, invalid batch): its ApiError. */
export class ServerRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The server could not be reached or kept failing: stop, a re-run resumes. */
export class ServerUnavailable extends Error {}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function call(target: Target, method: "GET" | "POST", path: string, body?: unknown): Promise<unknown> {
  const tries = target.tries ?? 5;
  const doFetch = target.fetch ?? fetch;
  let problem = "";
  for (let attempt = 1; attempt <= tries; attempt++) {
    if (attempt > 1) await pause((target.backoffMs ?? 500) * 2 ** (attempt - 2));
    let res: Response;
    try {
      res = await doFetch(new URL(path, target.baseUrl), {
        method,
        headers: {
          authorization: `Bearer ${target.token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      problem = error instanceof Error ? (error.cause instanceof Error ? error.cause : error).message : String(error);
      continue;
    }
    const text = await res.text();
    if (res.ok) {
      try {
        return JSON.parse(text);
      } catch {
        throw new ServerRefusal(res.status, "not_json", `${method} ${path} answered ${res.status} with no JSON`);
      }
    }
    const envelope = ErrorBody.safeParse(safeJson(text));
    const code = envelope.success ? envelope.data.error.code : `http_${res.status}`;
    const issues = envelope.success ? (envelope.data.error.issues ?? []) : [];
    const message = envelope.success
      ? [envelope.data.error.message, ...issues.map((i) => `${i.path}: ${i.message}`)].join("; ")
      : text.slice(0, 200);
    problem = `${res.status} ${code}: ${message}`;
    if (res.status < 500 && res.status !== 429) throw new ServerRefusal(res.status, code, message);
  }
  throw new ServerUnavailable(`${method} ${path} failed after ${tries} tries (${problem})`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
