const SHANGHAI_OFFSET_MS = 8 * 3600_000; // Asia/Shanghai has had no DST since 1991

/** An instant as ISO 8601 in Beijing time with its offset: what every API and page shows. */
export function toShanghaiIso(instant: string | Date): string {
  const ms = (typeof instant === "string" ? Date.parse(instant) : instant.getTime()) + SHANGHAI_OFFSET_MS;
  return `${new Date(ms).toISOString().slice(0, 19)}+08:00`;
}

/** "2026-11-26 09:30" for pages. */
export function formatShanghai(instant: string | null): string {
  return instant ? toShanghaiIso(instant).slice(0, 16).replace("T", " ") : "—";
}
