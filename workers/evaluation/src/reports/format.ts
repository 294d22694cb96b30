/** Numbers as the report prints them. */

export const pct = (x: number | null): string => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

export const score = (x: number | null): string => (x === null ? "—" : x.toFixed(1));

/** A rate as a number of percent with one decimal, for the charts; null stays null. */
export const pctValue = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 10);
