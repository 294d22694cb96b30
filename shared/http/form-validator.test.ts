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
});
