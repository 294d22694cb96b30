/** What one piece of code cost in D1: statements, and rows read and written as D1 bills them. */
export interface D1Cost {
  statements: number;
  rowsRead: number;
  rowsWritten: number;
}

/**
 * A D1 binding that runs every statement through `all()` (whose meta carries the row counts; `raw()`,
 * which drizzle uses for selects, has none) and adds them up. For the bench only.
 */
export function countingD1(db: D1Database): { db: D1Database; cost: D1Cost } {
  const cost: D1Cost = { statements: 0, rowsRead: 0, rowsWritten: 0 };
  const count = (meta: D1Meta) => {
    cost.statements += 1;
    cost.rowsRead += meta.rows_read;
    cost.rowsWritten += meta.rows_written;
  };
  const originals = new WeakMap<D1PreparedStatement, D1PreparedStatement>();
  const wrap = (statement: D1PreparedStatement): D1PreparedStatement => {
    const wrapped = Object.assign(Object.create(statement) as D1PreparedStatement, {
      bind: (...values: unknown[]) => wrap(statement.bind(...values)),
      async all<T>() {
        const result = await statement.all<T>();
        count(result.meta);
        return result;
      },
      async run<T>() {
        const result = await statement.all<T>();
        count(result.meta);
        return result;
      },
      async first<T>(column?: string) {
        const result = await statement.all<Record<string, T>>();
        count(result.meta);
        const [row] = result.results;
        return row === undefined ? null : column ? (row[column] ?? null) : row;
      },
      async raw<T>() {
        const result = await statement.all<Record<string, unknown>>();
        count(result.meta);
        return result.results.map((row) => Object.values(row)) as T[];
      },
    });
    originals.set(wrapped, statement);
    return wrapped;
  };
  const counted = Object.assign(Object.create(db) as D1Database, {
    prepare: (query: string) => wrap(db.prepare(query)),
    async batch<T>(statements: D1PreparedStatement[]) {
      const results = await db.batch<T>(statements.map((s) => originals.get(s) ?? s));
      for (const r of results) count(r.meta);
      return results;
    },
  });
  return { db: counted, cost };
}
