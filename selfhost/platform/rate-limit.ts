/**
 * The `[[ratelimits]]` binding on the self-hosted target: `limit({ key })` → `{ success }`, a fixed
 * window of `period` seconds per key, counted in this process's memory. Cloudflare's own limiter is
 * also local to where it runs and not exact ("permissive, eventually consistent"), so the code
 * calling it already treats it as a guard against floods, not as a ledger; one workerd holds every
 * request here, so the counts are exact. Served as an RPC entrypoint; `ctx.props` carries the config.
 */
import { WorkerEntrypoint } from "cloudflare:workers";
import type { PlatformEnv } from "./env.ts";
import { allow, type RateLimitSettings } from "./rate-window.ts";

export class RateLimiter extends WorkerEntrypoint<PlatformEnv, RateLimitSettings> {
  async limit({ key }: { key: string }): Promise<{ success: boolean }> {
    return { success: allow(this.ctx.props, key, Date.now()) };
  }
}
