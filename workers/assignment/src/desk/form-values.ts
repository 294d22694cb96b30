/** The text fields as posted, to fill a form in again when it comes back with errors. */
export function formValues(posted: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(posted)) if (typeof v === "string" && v !== "") out[k] = v;
  return out;
}
