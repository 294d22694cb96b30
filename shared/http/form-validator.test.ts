import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { formCheckbox, formList, formText, formValidator } from "./form-validator";

const Form = z.strictObject({
  title: formText(z.string().min(2, "Give a title.")),
  tags: formList(z.enum(["a", "b"])),
  agree: formCheckbox,
});

const app = new Hono().post(
  "/form",
  formValidator(Form, (c, errors, posted) => c.json({ rerendered: true, errors, posted }, 400)),
  (c) => c.json({ saved: c.req.valid("form") }),
);

const post = (body: string) =>
  app.request("/form", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body,
  });

describe("formValidator", () => {
  it("hands the handler the parsed, typed form: text trimmed, lists gathered, checkboxes as booleans", async () => {
    const res = await post("title=%20Hello%20&tags=a&tags=b&agree=on");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ saved: { title: "Hello", tags: ["a", "b"], agree: true } });
  });

  it("re-renders with one message per field and the posted values, and never runs the handler", async () => {
    const res = await post("title=%20&tags=c&extra=1");
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: Record<string, string>; posted: Record<string, unknown> };
    expect(body.errors.title).toBe("Invalid input: expected string, received undefined");
    expect(Object.keys(body.errors).sort()).toEqual(["", "tags", "title"]);
    expect(body.posted).toEqual({ title: " ", tags: "c", extra: "1" });
  });

  it("builds the schema per request when the rules depend on it or on what the form names", async () => {
    const perRequest = new Hono().post(
      "/:min",
      formValidator(
        // An odd n asks for a note too.
        (c, posted) =>
          z.object({
            n: formText(z.coerce.number().min(Number(c.req.param("min")))),
            note: Number(posted.n) % 2 === 1 ? z.string() : z.string().optional(),
          }),
        (c, errors) => c.json({ errors }, 400),
      ),
      (c) => c.json(c.req.valid("form")),
    );
    const send = (path: string, body: string) =>
      perRequest.request(path, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body,
      });
    expect(await (await send("/3", "n=4")).json()).toEqual({ n: 4 });
    expect((await send("/7", "n=4")).status).toBe(400);
    expect(await (await send("/3", "n=5")).json()).toEqual({ errors: { note: expect.any(String) } });
    expect(await (await send("/3", "n=5&note=x")).json()).toEqual({ n: 5, note: "x" });
  });

  it("words zod's own messages through the error map it is given", async () => {
    const worded = new Hono().post(
      "/",
      formValidator(z.object({ n: formText(z.coerce.number().max(3)) }), (c, errors) => c.json({ errors }, 400), {
        error: (issue) => (issue.code === "too_big" ? `不能大于 ${String(issue.maximum)}` : undefined),
      }),
      (c) => c.json(c.req.valid("form")),
    );
    const res = await worded.request("/", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "n=5",
    });
    expect(await res.json()).toEqual({ errors: { n: "不能大于 3" } });
  });
});
