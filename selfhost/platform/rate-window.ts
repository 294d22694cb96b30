/** The rate limiter's fixed windows (rate-limit.ts), kept apart from the runtime so they are tested directly. */

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
