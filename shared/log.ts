/**
 * One structured JSON log line per event, for Workers Logs: `{"level","event",...fields}`. Fields
 * are scalars only, so a payload, a submission or a row cannot be logged whole by accident; pass
 * ids, counts and error kinds (describeError), never what a citizen wrote or their contact data.
 */
export type LogFields = Record<string, string | number | boolean | null>;

export function logEvent(level: "info" | "warn" | "error", event: string, fields: LogFields = {}): void {
  const line = JSON.stringify({ level, event, ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.info(line);
}
