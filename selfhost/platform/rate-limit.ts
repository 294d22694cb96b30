/**
 * The `[[ratelimits]]` binding on the self-hosted target: `limit({ key })` → `{ success }`, a fixed
 * window of `period` seconds per key, counted in this process's memory. Cloudflare's own limiter is
 * also local to where it runs and not exact ("permissive, eventually consistent"), so the code
 * calling it already treats it as a guard against floods, not as a ledger; one workerd holds every
 * request here, so the counts are exact. Served as an RPC entrypoint; `ctx.props` carries the config.
 */
import { WorkerEntrypoint } from "cloudflare:workers";
import type { PlatformEnv } from "./env.ts";

export interface RateLimitSettings {
  namespace: string;
  limit: number;
  period: number;
}

const windows = new Map<string, { start: number; count: number }>();
let lastSweep = 0;

/** Counts one call for key and says whether it is within the limit (pure but for the shared map). */
export function allow(settings: RateLimitSettings, key: string, now: number): boolean {
  const periodMs = settings.period * 1000;
  const start = now - (now % periodMs);
  // Drop finished windows now and then, so keys seen once do not accumulate (Cloudflare's periods
  // are 10 or 60 s, so a window older than two minutes is over whatever its namespace).
  if (now - lastSweep > 60_000) {
    for (const [k, w] of windows) if (w.start + 120_000 < now) windows.delete(k);
    lastSweep = now;
  }
  const id = `${settings.namespace}:${key}`;
  const current = windows.get(id);
  const window = current && current.start === start ? current : { start, count: 0 };
  window.count++;
  windows.set(id, window);
  return window.count <= settings.limit;
}

export class RateLimiter extends WorkerEntrypoint<PlatformEnv, RateLimitSettings> {
  async limit({ key }: { key: string }): Promise<{ success: boolean }> {
    return { success: allow(this.ctx.props, key, Date.now()) };
  }
}
