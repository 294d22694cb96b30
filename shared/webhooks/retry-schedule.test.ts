import { describe, expect, it } from "vitest";
import { MAX_RETRY_DELAY_MS, nextAttemptAt, RETRY_WINDOW_MS, retryDelayMs } from "./retry-schedule";

describe("the webhook retry schedule", () => {
  it("starts at 15–30 s, doubles, and never waits more than four hours", () => {
    expect(retryDelayMs(1, () => 0)).toBe(15_000);
    expect(retryDelayMs(1, () => 0.999_999)).toBeCloseTo(30_000, -1);
    expect(retryDelayMs(2, () => 0)).toBe(30_000);
    expect(retryDelayMs(5, () => 0)).toBe(240_000);
    for (const attempts of [10, 11, 20, 60]) {
      expect(retryDelayMs(attempts, () => 0.999_999)).toBeLessThanOrEqual(MAX_RETRY_DELAY_MS);
      expect(retryDelayMs(attempts, () => 0)).toBe(MAX_RETRY_DELAY_MS / 2);
    }
  });

  it("keeps trying for 72 hours, a few dozen times, then gives up", () => {
    for (const random of [() => 0, () => 0.5, () => 0.999]) {
      const start = Date.UTC(2026, 11, 1);
      const giveUpAt = start + RETRY_WINDOW_MS;
      let now = start;
      let attempts = 1;
      for (;;) {
        const next = nextAttemptAt(now, attempts, giveUpAt, random);
        if (next === null) break;
        now = next;
        attempts += 1;
      }
      expect(now).toBeLessThanOrEqual(giveUpAt);
      expect(giveUpAt - now).toBeLessThanOrEqual(MAX_RETRY_DELAY_MS);
      expect(attempts).toBeGreaterThan(15);
      expect(attempts).toBeLessThan(50);
    }
  });
});
