import { describe, expect, it } from "vitest";
import { dueTime } from "../../selfhost/platform/due-time.ts";
import { allow } from "../../selfhost/platform/rate-window.ts";

const at = (iso: string) => new Date(iso);

describe("dueTime (the platform's cron ledger)", () => {
  it("names the latest due time since the last run, once", () => {
    expect(dueTime("*/5 * * * *", at("2026-12-07T10:00:00Z"), at("2026-12-07T10:07:30Z"))).toEqual(
      at("2026-12-07T10:05:00Z"),
    );
    // Ticked again in the same five minutes: nothing is due.
    expect(dueTime("*/5 * * * *", at("2026-12-07T10:05:00Z"), at("2026-12-07T10:09:59Z"))).toBeNull();
  });

  it("fires a missed schedule once after an outage, not once per missed time", () => {
    expect(dueTime("7 * * * *", at("2026-12-01T00:07:00Z"), at("2026-12-07T10:30:00Z"))).toEqual(
      at("2026-12-07T10:07:00Z"),
    );
  });

  it("reads crons in UTC, as Cloudflare does", () => {
    expect(dueTime("0 1 * * *", at("2026-12-07T00:00:00Z"), at("2026-12-07T01:00:30Z"))).toEqual(
      at("2026-12-07T01:00:00Z"),
    );
  });
});

describe("allow (the rate limiter's windows)", () => {
  it("lets `limit` calls through per key and period, then refuses until the next window", () => {
    const settings = { namespace: "t1", limit: 3, period: 60 };
    const t = Date.parse("2026-12-07T10:00:05Z");
    expect([1, 2, 3, 4].map(() => allow(settings, "1.2.3.4", t))).toEqual([true, true, true, false]);
    expect(allow(settings, "5.6.7.8", t)).toBe(true);
    expect(allow({ ...settings, namespace: "t2" }, "1.2.3.4", t)).toBe(true);
    expect(allow(settings, "1.2.3.4", t + 60_000)).toBe(true);
  });
});
