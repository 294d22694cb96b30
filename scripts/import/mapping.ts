import { readFileSync } from "node:fs";
import { parse } from "yaml";
import * as z from "zod";
import { MESSAGE_TYPES, type MessageType } from "../../shared/domain/case-model";
import { ImportSource } from "../../shared/import/import-item.schema";

/**
 * The mapping file (YAML) that says how a board's words become Wenzheng's codes: place names to
 * region codes, salutations to leader mailboxes, wording to departments and message types. Rules are
 * tried in file order; the first that matches wins.
 */
const RegionCode = z.string().regex(/^\d{6}$/, "a six-digit region code (GB/T 2260)");

const validRegex = (source: string) => {
  try {
    new RegExp(source, "u");
    return true;
  } catch {
    return false;
  }
};

/** A rule matches when any of `match` occurs in the text, or when `pattern` (a regular expression) finds it. */
const matcher = {
  match: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  pattern: z.string().min(1).refine(validRegex, "not a valid regular expression").optional(),
};
const hasMatcher = [
  (m: { match?: unknown; pattern?: unknown }) => m.match !== undefined || m.pattern !== undefined,
  "give `match` (words) or `pattern` (a regular expression)",
] as const;

export const MappingFile = z.strictObject({
  source: ImportSource,
  places: z.record(z.string().min(1), RegionCode).default({}),
  defaultRegion: RegionCode.optional(),
  addressees: z
    .array(z.strictObject({ ...matcher, addressee: z.string().min(1).max(32) }).refine(...hasMatcher))
    .default([]),
  departments: z
    .array(z.strictObject({ ...matcher, departmentId: z.string().min(1).max(64) }).refine(...hasMatcher))
    .default([]),
  types: z.array(z.strictObject({ ...matcher, type: z.enum(MESSAGE_TYPES) }).refine(...hasMatcher)).optional(),
  defaultType: z.enum(MESSAGE_TYPES).default("consult"),
});
export type MappingFile = z.infer<typeof MappingFile>;

/** Used when a mapping gives no `types`: the usual words of a Chinese board's titles. */
export const DEFAULT_TYPE_RULES: { words: string[]; type: MessageType }[] = [
  { words: ["投诉"], type: "complaint" },
  { words: ["举报"], type: "report" },
  { words: ["建议"], type: "suggest" },
  { words: ["求助"], type: "help" },
  { words: ["感谢"], type: "thanks" },
];

type Test = (text: string) => boolean;
export interface Mapping {
  source: string;
  /** Longest names first, so "A市A5区" is tried before "A市". */
  places: [name: string, regionCode: string][];
  defaultRegion?: string;
  addressees: { test: Test; addressee: string }[];
  departments: { test: Test; departmentId: string }[];
  types: { test: Test; type: MessageType }[];
  defaultType: MessageType;
}

function testOf(m: { match?: string | string[]; pattern?: string }): Test {
  const words = m.match === undefined ? [] : typeof m.match === "string" ? [m.match] : m.match;
  const regex = m.pattern === undefined ? null : new RegExp(m.pattern, "u");
  return (text) => words.some((w) => text.includes(w)) || (regex?.test(text) ?? false);
}

/** An empty mapping for a wenzheng file that carries its own codes. */
export function bareMapping(source: string): Mapping {
  return compileMapping(MappingFile.parse({ source }));
}

export function compileMapping(file: MappingFile): Mapping {
  return {
    source: file.source,
    places: Object.entries(file.places).sort(([a], [b]) => b.length - a.length),
    defaultRegion: file.defaultRegion,
    addressees: file.addressees.map((r) => ({ test: testOf(r), addressee: r.addressee })),
    departments: file.departments.map((r) => ({ test: testOf(r), departmentId: r.departmentId })),
    types: file.types
      ? file.types.map((r) => ({ test: testOf(r), type: r.type }))
      : DEFAULT_TYPE_RULES.map((r) => ({ test: testOf({ match: r.words }), type: r.type })),
    defaultType: file.defaultType,
  };
}

export class MappingError extends Error {}

/** Parses and validates mapping text; the error lists every problem by its place in the file. */
export function parseMapping(text: string, name = "mapping"): Mapping {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new MappingError(`${name} is not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = MappingFile.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(file)"}: ${i.message}`);
    throw new MappingError(`${name} is not a valid mapping:\n${lines.join("\n")}`);
  }
  return compileMapping(result.data);
}

export function readMapping(file: string): Mapping {
  return parseMapping(readFileSync(file, "utf8"), file);
}

/** The place a text names first (earliest position; the longer name on a tie), as a region code. */
export function findPlace(mapping: Mapping, text: string): string | undefined {
  let best: { at: number; length: number; code: string } | undefined;
  for (const [name, code] of mapping.places) {
    const at = text.indexOf(name);
    if (at >= 0 && (!best || at < best.at || (at === best.at && name.length > best.length)))
      best = { at, length: name.length, code };
  }
  return best?.code;
}
