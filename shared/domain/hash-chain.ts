import { createHash } from "node:crypto";
import type { CaseEvent, EventEnvelope, RawStoredEvent } from "./events";

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

/** The hash covers every field of the event as stored, including the previous event's hash. */
export function hashEvent(event: Omit<RawStoredEvent, "hash">): string {
  const { seq, id, caseId, type, actor, at, payload, prevHash } = event;
  return sha256Hex(canonicalJson({ seq, id, caseId, type, actor, at, payload, prevHash }));
}

export type ChainVerdict =
  | { ok: true; length: number; headHash: string }
  | { ok: false; brokenSeq: number; reason: string };

/**
 * Walks the log in order; reports the first `seq` whose link or hash does not hold. Give it the
 * events as stored: a parsed event may have been upcast, and its payload is no longer what was hashed.
 */
export function verifyChain(events: readonly RawStoredEvent[]): ChainVerdict {
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
export function chainEvent<E extends CaseEvent>(
  head: { seq: number; hash: string } | null,
  fields: Pick<EventEnvelope, "caseId" | "actor" | "at"> & E,
): EventEnvelope & E {
  const { caseId, actor, at, type, payload } = fields;
  const seq = (head?.seq ?? 0) + 1;
  const unhashed = { caseId, actor, at, seq, id: `${caseId}-${seq}`, prevHash: head?.hash ?? GENESIS_HASH };
  const envelope: EventEnvelope = { ...unhashed, hash: hashEvent({ ...unhashed, type, payload }) };
  return { ...fields, ...envelope };
}
