/**
 * Splits rows for multi-row statements: D1 binds at most 100 parameters per statement, so a
 * statement of 4-column rows takes 25 rows at most.
 */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
