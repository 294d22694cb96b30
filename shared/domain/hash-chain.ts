import { createHash } from "node:crypto";
import type { StoredEvent } from "./evolve";

export const GENESIS_HASH = "0".repeat(64);

/**
 * Canonical JSON: object keys sorted, no whitespace, `undefined` members dropped. Two encoders
 * that agree on this produce the same bytes, so a hash can be re-checked anywhere.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value))
      throw new TypeError("Non-finite number in canonical JSON");
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(",")}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

type Unhashed = Omit<StoredEvent, "hash">;

/** The hash covers every field of the event, including the previous event's hash. */
export function hashEvent(event: Unhashed): string {
  const { seq, id, caseId, type, actor, at, payload, prevHash } = event;
  return sha256Hex(canonicalJson({ seq, id, caseId, type, actor, at, payload, prevHash }));
}

export type ChainVerdict =
  | { ok: true; length: number; headHash: string }
  | { ok: false; brokenSeq: number; reason: string };

/** Walks the log in order; reports the first `seq` whose link or hash does not hold. */
export function verifyChain(events: readonly StoredEvent[]): ChainVerdict {
  let prevHash = GENESIS_HASH;
  for (const [index, event] of events.entries()) {
    if (event.seq !== index + 1) return { ok: false, brokenSeq: index + 1, reason: "gap in sequence" };
    if (event.prevHash !== prevHash) return { ok: false, brokenSeq: event.seq, reason: "previous hash does not match" };
    if (hashEvent(event) !== event.hash)
      return { ok: false, brokenSeq: event.seq, reason: "hash does not match content" };
    prevHash = event.hash;
  }
  return { ok: true, length: events.length, headHash: prevHash };
}

/** Appends to the chain: the next `seq`, linked to the head, hashed. Event ids are `caseId-seq`. */
export function chainEvent(
  head: { seq: number; hash: string } | null,
  fields: Pick<StoredEvent, "caseId" | "type" | "actor" | "at" | "payload">,
): StoredEvent {
  const seq = (head?.seq ?? 0) + 1;
  const unhashed = { ...fields, seq, id: `${fields.caseId}-${seq}`, prevHash: head?.hash ?? GENESIS_HASH };
  return { ...unhashed, hash: hashEvent(unhashed) };
}
