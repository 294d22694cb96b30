import { isNode, LineCounter, parseDocument } from "yaml";
import { CityFile } from "./city-file.schema";

/** One thing wrong with a city file, placed where its author will look for it. */
export interface CityFileIssue {
  file: string;
  line: number;
  column: number;
  /** The field, as a dotted path: `departments[3].region`. */
  field: string;
  message: string;
}

export class CityFileError extends Error {
  constructor(readonly issues: CityFileIssue[]) {
    super(issues.map((i) => `${i.file}:${i.line}:${i.column} ${i.field || "(file)"}: ${i.message}`).join("\n"));
    this.name = "CityFileError";
  }
}

const fieldName = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`)).join("");

/**
 * Parses and validates a city file's YAML. Throws CityFileError naming the file, line and field of
 * every problem (YAML syntax first; then each schema issue at the closest node that exists).
 */
export function parseCityFile(text: string, file: string): CityFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => lines.linePos(offset);
  if (doc.errors.length > 0) {
    throw new CityFileError(
      doc.errors.map((e) => {
        const { line, col } = at(e.pos[0]);
        return { file, line, column: col, field: "", message: e.message };
      }),
    );
  }
  const parsed = CityFile.safeParse(doc.toJS());
  if (parsed.success) return parsed.data;
  throw new CityFileError(
    parsed.error.issues.map((issue) => {
      // The deepest node on the issue's path that the file has (a missing field points at its parent).
      let path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
      let node = doc.getIn(path, true);
      while (!isNode(node) && path.length > 0) {
        path = path.slice(0, -1);
        node = path.length > 0 ? doc.getIn(path, true) : doc.contents;
      }
      const offset = isNode(node) && node.range ? node.range[0] : 0;
      const { line, col } = at(offset);
      return { file, line, column: col, field: fieldName(issue.path), message: issue.message };
    }),
  );
}
