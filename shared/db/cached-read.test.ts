import { afterEach, describe, expect, it, vi } from "vitest";
import { cachedRead } from "./cached-read";

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("a cached D1 read", () => {
  it("reads again after its time, and serves the last value while the read fails (stale-if-error)", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: 0 });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const read = vi.fn<() => Promise<string>>().mockResolvedValue("v1");
    let cached = await cachedRead(null, 60_000, "test", read);
    expect(cached).toEqual({ at: 0, value: "v1" });
    vi.setSystemTime(30_000);
    expect(await cachedRead(cached, 60_000, "test", read)).toBe(cached);
    expect(read).toHaveBeenCalledTimes(1);

    vi.setSystemTime(10 * 60_000); // ten minutes into a D1 outage
    read.mockRejectedValue(new Error("D1_ERROR: Network connection lost."));
    cached = await cachedRead(cached, 60_000, "test", read);
    expect(cached).toEqual({ at: 0, value: "v1" });
    expect(warn.mock.calls.map(([line]) => JSON.parse(String(line)))).toEqual([
      { level: "warn", event: "stale-cache-served", cache: "test", ageMs: 600_000, error: "Error" },
    ]);
    // Each call tries D1 again, and the first answer after the outage replaces the stale value.
    read.mockResolvedValue("v2");
    expect(await cachedRead(cached, 60_000, "test", read)).toEqual({ at: 600_000, value: "v2" });
  });

  it("with nothing cached, a failed read fails", async () => {
    const read = () => Promise.reject(new Error("D1_ERROR"));
    await expect(cachedRead(null, 60_000, "test", read)).rejects.toThrow("D1_ERROR");
  });
});
