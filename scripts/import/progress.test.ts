import { describe, expect, it } from "vitest";
import { duration, Progress, progressLine } from "./progress";

describe("progress", () => {
  it("draws the bar with counts, rate, ETA and refusals", () => {
    expect(progressLine(2140, 7134, 52_195, 12, 8)).toBe("[##………………] 2,140/7,134 · 41/s · ETA 2m02s · refused 12");
    expect(progressLine(0, 10, 0, 0, 4)).toBe("[…………] 0/10 · 0/s · ETA ? · refused 0");
    expect(progressLine(10, 10, 1000, 0, 4)).toBe("[####] 10/10 · 10/s · ETA 0s · refused 0");
    expect([duration(59), duration(61), duration(3700)]).toEqual(["59s", "1m01s", "1h01m"]);
  });

  it("redraws in place on a terminal, and writes a plain line every 5 s otherwise", () => {
    let t = 0;
    const tty: string[] = [];
    const bar = new Progress({ total: 100, tty: true, write: (s) => tty.push(s), now: () => t });
    t = 1000;
    bar.update(10, 0);
    expect(tty[0]?.startsWith("\r[")).toBe(true);
    expect(tty[0]?.endsWith("] 10/100 · 10/s · ETA 9s · refused 0\x1b[K")).toBe(true);

    const log: string[] = [];
    t = 0;
    const plain = new Progress({ total: 100, tty: false, write: (s) => log.push(s), now: () => t });
    for (t = 1000; t <= 12_000; t += 1000) plain.update(t / 1000, 0);
    expect(log).toHaveLength(2);
    expect(log.every((l) => l.endsWith("\n") && !l.includes("\r"))).toBe(true);
    plain.end();
    expect(log.at(-1)).toMatch(/12\/100/);
  });
});
