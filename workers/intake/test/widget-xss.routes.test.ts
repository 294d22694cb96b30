import { describe, expect, it } from "vitest";
import { maskPersonalData } from "../../../shared/routing/mask";
import { XSS_PAYLOADS } from "../../../test/fixtures/xss-payloads";
import { get, insertCase } from "./widget-fixtures";

/** Every element and attribute of a page, as a browser's tokenizer sees them, and its text. */
async function tokens(html: string) {
  const elements: { tag: string; attrs: [string, string][] }[] = [];
  let text = "";
  await new HTMLRewriter()
    .on("*", { element: (e) => void elements.push({ tag: e.tagName, attrs: [...e.attributes] as [string, string][] }) })
    .onDocument({
      text: (t) => {
        text += t.text;
      },
    })
    .transform(new Response(html))
    .text();
  const decoded = text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
  return { elements, text: decoded };
}

const PAGE_TAGS = new Set([
  "html",
  "head",
  "meta",
  "title",
  "link",
  "body",
  "main",
  "p",
  "span",
  "dl",
  "dt",
  "dd",
  "section",
  "h1",
  "h3",
  "a",
]);

describe("the iframe widget renders untrusted text inert", () => {
  it("has a corpus of at least 50 payloads", () => expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50));

  it.each(XSS_PAYLOADS.map((p, i) => [i, p] as const))("payload %i: %s", async (_, payload) => {
    const trackingNo = await insertCase({
      title: payload,
      body: payload,
      status: "replied",
      dueAt: null,
      rating: "satisfied",
      reply: { text: `答复：${payload}`, name: payload, title: payload },
    });
    const res = await get(`/widget/cases/${trackingNo}?lang=en`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const { elements, text } = await tokens(html);
    for (const { tag, attrs } of elements) {
      expect(PAGE_TAGS, `unexpected <${tag}>`).toContain(tag);
      for (const [name, value] of attrs) {
        expect(name, `event handler on <${tag}>`).not.toMatch(/^on/i);
        expect(value, `script URL in ${name}`).not.toMatch(/^\s*(javascript|data|vbscript):/i);
      }
    }
    // The one link: the case on the portal, in the widget's language.
    expect(elements.filter((e) => e.tag === "a").map((e) => e.attrs.find(([n]) => n === "href")?.[1])).toEqual([
      `/cases/${trackingNo}?lang=en`,
    ]);
    // Shown as text, exactly as typed (after masking), in the reply and the spokesperson's line.
    expect(text).toContain(`答复：${maskPersonalData(payload)}`);
    expect(text).toContain(`Spokesperson ${payload} (${payload})`); // public names are not masked
    // The script widget's data: the same text, to be set with textContent.
    const view = (await (await get(`/api/v1/widget/cases/${trackingNo}`)).json()) as {
      reply: { text: string; spokesperson: { name: string } };
    };
    expect(view.reply.text).toBe(`答复：${maskPersonalData(payload)}`);
  });
});
