/**
 * The platform's control routes, on a socket of their own bound to the host's loopback address
 * (never the public one), each behind the bearer token in SELFHOST_CONTROL_TOKEN:
 * - `POST /tick`: fire the crons that are due (cron.ts);
 * - `POST /sql`: `{ statements: [{ sql, params? }] }` run as one D1 batch, for the operator scripts
 *   (`npm run city -- --env selfhost`, `admin:create`, migrations), which reach D1 this way instead of
 *   through wrangler;
 * - `GET /queues`: each queue's backlog, for monitoring.
 */
import { parseQueries } from "./d1.ts";
import type { PlatformEnv } from "./env.ts";

async function constantTimeEqual(a: string, b: string): Promise<boolean> {
  const digest = async (s: string) =>
    new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(s)));
  const [x, y] = await Promise.all([digest(a), digest(b)]);
  return crypto.subtle.timingSafeEqual(x, y);
}

const problem = (status: number, message: string) => Response.json({ error: message }, { status });

export async function control(request: Request, env: PlatformEnv): Promise<Response> {
  const token = env.CONTROL_TOKEN;
  const given = request.headers.get("authorization")?.replace(/^Bearer /, "") ?? "";
  if (!token) return problem(503, "SELFHOST_CONTROL_TOKEN is not set");
  if (!(await constantTimeEqual(given, token))) return problem(401, "a valid bearer token is required");
  const { pathname } = new URL(request.url);
  const route = `${request.method} ${pathname}`;
  if (route === "POST /tick") {
    // `at` (tests, and catching up by hand) may name a past moment, never a future one: the ledger
    // would then skip that cron's real runs until the clock caught up.
    const at = Number(new URL(request.url).searchParams.get("at") ?? Date.now());
    if (!Number.isFinite(at) || at > Date.now() + 1000)
      return problem(400, "at: a time in milliseconds, not in the future");
    return Response.json({ fired: await env.CRON_LEDGER.getByName("crons").tick(at) });
  }
  if (route === "POST /sql") {
    const body = (await request.json().catch(() => null)) as { statements?: unknown } | null;
    if (!body || !Array.isArray(body.statements)) return problem(400, "expected { statements: [{ sql, params? }] }");
    try {
      const results = await env.D1_DATABASES.getByName(env.DATABASE).batch(
        parseQueries(body.statements),
        "ARRAY_OF_OBJECTS",
      );
      return Response.json({ results: results.map((r) => ({ results: r.results, meta: r.meta })) });
    } catch (error) {
      return problem(400, error instanceof Error ? error.message : String(error));
    }
  }
  if (route === "GET /queues") {
    const backlog: Record<string, number> = {};
    for (const queue of Object.keys(env.QUEUES)) backlog[queue] = await env.QUEUE_BROKERS.getByName(queue).backlog();
    return Response.json({ backlog });
  }
  return problem(404, `no ${route}`);
}
