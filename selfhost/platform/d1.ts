/**
 * D1 on SQLite files: the backend behind workerd's own D1 client (`cloudflare-internal:d1-api`).
 *
 * Every D1 call the Workers make (prepare/first/all/run/raw, batch, exec) reaches this entry as the
 * HTTP protocol the client speaks (POST /query or /execute, an array of {sql, params}) or as its RPC
 * form (`query`). One durable object per database owns the SQLite file, so writes are serialised as
 * D1's single writer serialises them, and a batch runs in one transaction: all or nothing.
 * Modelled on Miniflare's D1 plugin (its D1DatabaseObject), without its test-only extras.
 */
import { DurableObject, WorkerEntrypoint } from "cloudflare:workers";
import type { PlatformEnv } from "./env.ts";

type D1Value = number | string | null | number[];
interface D1Query {
  sql: string;
  params?: D1Value[] | null;
}
type ResultsFormat = "ARRAY_OF_OBJECTS" | "ROWS_AND_COLUMNS" | "NONE";

interface D1Meta {
  served_by: string;
  served_by_primary: boolean;
  duration: number;
  changes: number;
  last_row_id: number;
  changed_db: boolean;
  size_after: number;
  rows_read: number;
  rows_written: number;
}
type D1Row = D1Value[];
interface D1Success {
  success: true;
  results: Record<string, D1Value>[] | { columns: string[]; rows: D1Row[] };
  meta: D1Meta;
}

function isQuery(value: unknown): value is D1Query {
  if (typeof value !== "object" || value === null) return false;
  const q = value as { sql?: unknown; params?: unknown };
  return typeof q.sql === "string" && (q.params === undefined || q.params === null || Array.isArray(q.params));
}

/** The request body: one query or a batch of them. */
export function parseQueries(body: unknown): D1Query[] {
  const list = Array.isArray(body) ? body : [body];
  if (!list.every(isQuery)) throw new D1Error("D1 backend: expected {sql, params} or an array of them");
  // Like D1, a statement that is only a comment does nothing; a batch of nothing is an error.
  const queries = list.filter((q) => q.sql.replace(/^\s*--.*$/gm, "").trim().length > 0);
  if (queries.length === 0) throw new D1Error("No SQL statements detected.");
  return queries;
}

export class D1Error extends Error {
  override name = "D1_ERROR";
}

const asResultsFormat = (value: string | null): ResultsFormat =>
  value === "ROWS_AND_COLUMNS" || value === "NONE" ? value : "ARRAY_OF_OBJECTS";

/** Byte arrays travel as arrays of numbers, both ways. */
const toSqlParam = (p: D1Value) => (Array.isArray(p) ? new Uint8Array(p).buffer : p);
const fromSqlValue = (v: SqlStorageValue): D1Value => (v instanceof ArrayBuffer ? Array.from(new Uint8Array(v)) : v);

export class D1Database extends DurableObject<PlatformEnv> {
  #sql = this.ctx.storage.sql;

  #changes(): { total: number; lastRowId: number } {
    const row = this.#sql.exec("SELECT total_changes() AS total, last_insert_rowid() AS lastRowId").one();
    return { total: Number(row.total), lastRowId: Number(row.lastRowId) };
  }

  #run(format: ResultsFormat, query: D1Query): D1Success {
    const sizeBefore = this.#sql.databaseSize;
    const before = this.#changes();
    const started = performance.now();
    const cursor = this.#sql.exec(query.sql, ...(query.params ?? []).map(toSqlParam));
    const columns = cursor.columnNames;
    const rows = Array.from(cursor.raw(), (row) => row.map(fromSqlValue));
    const duration = performance.now() - started;
    const after = this.#changes();
    const changes = after.total - before.total;
    return {
      success: true,
      results:
        format === "ROWS_AND_COLUMNS"
          ? { columns, rows }
          : format === "NONE"
            ? []
            : rows.map((row) => Object.fromEntries(columns.map((name, i) => [name, row[i] ?? null]))),
      meta: {
        served_by: "wenzheng-selfhost",
        served_by_primary: true,
        duration,
        changes,
        last_row_id: after.lastRowId,
        changed_db: changes !== 0 || this.#sql.databaseSize !== sizeBefore,
        size_after: this.#sql.databaseSize,
        rows_read: cursor.rowsRead,
        rows_written: cursor.rowsWritten,
      },
    };
  }

  /** A batch in one transaction: a failing statement rolls back the ones before it, as D1's batch does. */
  batch(queries: D1Query[], format: ResultsFormat): D1Success[] {
    try {
      return this.ctx.storage.transactionSync(() => queries.map((q) => this.#run(format, q)));
    } catch (error) {
      throw new D1Error(error instanceof Error ? error.message : String(error));
    }
  }
}

/** The service the D1 binding's `fetcher` points at; `ctx.props.database` names the database. */
export class D1Entry extends WorkerEntrypoint<PlatformEnv, { database: string }> {
  #database() {
    return this.env.D1_DATABASES.getByName(this.ctx.props.database);
  }

  override async fetch(request: Request): Promise<Response> {
    const { pathname, searchParams } = new URL(request.url);
    if (request.method !== "POST" || (pathname !== "/query" && pathname !== "/execute"))
      return Response.json({ success: false, error: `D1 backend: no ${request.method} ${pathname}` }, { status: 404 });
    try {
      const queries = parseQueries(await request.json());
      return Response.json(await this.#database().batch(queries, asResultsFormat(searchParams.get("resultsFormat"))));
    } catch (error) {
      // The client reads `error` and throws it as a D1_ERROR, as it does with Cloudflare's answer.
      return Response.json(
        { success: false, error: error instanceof Error ? error.message : String(error) },
        { status: 500 },
      );
    }
  }

  /** The client's RPC form (newer compatibility dates): the same batch, rows as columns and rows. */
  async query(request: { queries: unknown; bookmark?: string }) {
    const results = await this.#database().batch(parseQueries(request.queries), "ROWS_AND_COLUMNS");
    return {
      results: results.map(({ meta, results: data }) => ({ meta, data: { kind: "raw", ...data } })),
    };
  }
}
