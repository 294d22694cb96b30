/**
 * JSON for a `<script type="application/json">` block that a page's own script reads: `<`, `>`
 * and `&` are escaped (and the two JavaScript line separators), so no text in the data can close
 * the element or start markup.
 */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
