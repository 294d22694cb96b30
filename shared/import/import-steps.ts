import type * as z from "zod";
import type { Actor, Channel, Spokesperson } from "../domain/case-model";
import type { CaseCommand } from "../domain/commands";
import { DomainError } from "../domain/errors";
import type { ImportItem } from "./import-item.schema";

export type ParsedImportItem = z.output<typeof ImportItem>;

/** What the history did to the case, in order, each at its own time. */
export type ImportStep =
  | { kind: "command"; at: string; actor: Actor; command: CaseCommand }
  /** 点赞数 / 附议 counted on the board: one event with the total (the board kept no phones). */
  | { kind: "supported"; at: string; supporters: number };

/** The people the import acts as: the roles that did each step, named "import" so the log says so. */
const IMPORT_USER = "import";

/** A board message sent to a leader's mailbox came in through that channel; every other one through the board. */
export function importChannel(item: ParsedImportItem): Channel {
  return item.addressee ? "leader_mailbox" : "people_board";
}

/**
 * The steps of an imported message. Only two instants are known, when it was written and when it
 * was answered, so nothing in between is invented: it is accepted, assigned and acknowledged at
 * once (no 签收 step falls late), and its reply is drafted and published at the reply's time. The
 * ladder steps that fell due before that reply are the durable object's to add, at their due times.
 */
export function importSteps(
  item: ParsedImportItem,
  departmentId: string,
  spokesperson: Spokesperson | null,
): ImportStep[] {
  const at = item.submittedAt;
  const dispatcher: Actor = { role: "dispatcher", userId: IMPORT_USER };
  const handler: Actor = { role: "handler", userId: IMPORT_USER, departmentId };
  const steps: ImportStep[] = [
    { kind: "command", at, actor: dispatcher, command: { name: "accept", ...optionalCategory(item) } },
    {
      kind: "command",
      at,
      actor: dispatcher,
      command: { name: "assign", departmentId, coDepartmentIds: [], ...optionalCategory(item) },
    },
    { kind: "command", at, actor: handler, command: { name: "acknowledge" } },
  ];
  if (item.supporters > 0) steps.push({ kind: "supported", at, supporters: item.supporters });
  const reply = item.reply;
  if (!reply) return steps;
  if (!spokesperson) throw new DomainError(422, "no_spokesperson", "A reply needs a spokesperson to publish it.");
  steps.push(
    {
      kind: "command",
      at: reply.at,
      actor: handler,
      command: { name: "draftReply", text: reply.text, outcome: reply.outcome },
    },
    {
      kind: "command",
      at: reply.at,
      actor: { role: "spokesperson", userId: IMPORT_USER, departmentId },
      command: { name: "publishReply", spokesperson, draftedAt: normalised(reply.at) },
    },
  );
  const rating = item.rating;
  if (rating)
    steps.push({
      kind: "command",
      at: rating.at,
      actor: { role: "citizen" },
      command: { name: "rate", resolution: rating.resolution, rating: rating.rating },
    });
  return steps;
}

function optionalCategory(item: ParsedImportItem): { category?: string } {
  return item.category ? { category: item.category } : {};
}

/** Instants as the log writes them (UTC, milliseconds): the draft's time is matched as a string. */
export function normalised(at: string): string {
  return new Date(Date.parse(at)).toISOString();
}
