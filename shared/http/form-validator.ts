import type { Context, Env } from "hono";
import { validator } from "hono/validator";
import * as z from "zod";

/** A form's problems for the page to show: field name → its first message; `""` holds form-wide ones. */
export type FieldErrors = Record<string, string>;

/** The fields as posted (a repeated field is an array), for re-filling the form after an error. */
export type PostedForm = Record<string, string | File | (string | File)[]>;

/** Zod's issues as one message per field (the first), keyed by the top-level field name. */
export function fieldErrors(error: z.ZodError, messages: Partial<Record<string, string>> = {}): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "");
    errors[field] ??= messages[field] ?? issue.message;
  }
  return errors;
}

/**
 * The one way to read an HTML form post: hono's validator parses the body (urlencoded or multipart),
 * `schema` checks it, and when it fails `rerender` answers with the form page and its messages
 * (the handler never runs, nothing is written). On success the handler reads
 * `c.req.valid("form")`, typed by the schema. A form whose rules depend on the request (the
 * session's CSRF token, the URL, rows in the database, a field naming which rows) passes a function
 * building its schema from the request and the fields as posted.
 * `error` words zod's own messages (in the page's language) for fields that name none.
 */
export function formValidator<S extends z.ZodType, E extends Env = Env>(
  schema: S | ((c: Context<E>, posted: PostedForm) => S | Promise<S>),
  rerender: (c: Context<E>, errors: FieldErrors, posted: PostedForm) => Response | Promise<Response>,
  options: { error?: z.core.$ZodErrorMap } = {},
) {
  return validator("form", async (value, c: Context<E>) => {
    const posted = postedForm(value);
    const rules = typeof schema === "function" ? await schema(c, posted) : schema;
    const result = await rules.safeParseAsync(value, options);
    if (!result.success) return rerender(c, fieldErrors(result.error), posted);
    return result.data;
  });
}

function postedForm(data: unknown): PostedForm {
  return PostedFormSchema.catch({}).parse(data);
}

const PostedFormSchema = z.record(
  z.string(),
  z.union([z.string(), z.instanceof(File), z.array(z.union([z.string(), z.instanceof(File)]))]),
);

/** Form fields arrive as strings: blank means absent, text is trimmed. */
export const formText = <T extends z.ZodType>(inner: T) =>
  z.preprocess((v) => (typeof v === "string" ? (v.trim() === "" ? undefined : v.trim()) : v), inner);

/** A field that may be repeated (checkboxes, multi-selects): always a list of its non-blank values. */
export const formList = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter((x) => typeof x === "string" && x.trim() !== ""),
    z.array(item),
  );

/** A checkbox: present (any of the values browsers send for "on") or absent. */
export const formCheckbox = z.preprocess((v) => v === "on" || v === "true" || v === "yes" || v === "1", z.boolean());
