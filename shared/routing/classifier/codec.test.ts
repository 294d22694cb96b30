import { describe, expect, it } from "vitest";
import { decodeSortedU32, encodeSortedU32, fromBase64, muLawEncode, muLawTable, toBase64 } from "./codec";

describe("model file encodings", () => {
  it("round-trips bytes through base64 at every padding length", () => {
    for (let n = 0; n < 10; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 0xff);
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    }
    expect(toBase64(new TextEncoder().encode("Man"))).toBe("TWFu");
  });

  it("round-trips sorted 32-bit hashes as varint gaps", () => {
    const values = Uint32Array.from([0, 1, 127, 128, 300000, 4294967295]);
    expect(decodeSortedU32(encodeSortedU32(values), values.length)).toEqual(values);
  });

  it("keeps μ-law weights within a few percent across three decades", () => {
    const table = muLawTable(2);
    for (const w of [2, 1.3, -0.7, 0.05, -0.01, 0.002]) {
      const back = table[muLawEncode(w, 2)] ?? NaN;
      expect(Math.abs(back - w)).toBeLessThanOrEqual(Math.abs(w) * 0.03 + 1e-4);
    }
    expect(table[muLawEncode(0, 2)]).toBe(0);
  });
});
