import type { Channel } from "./provider";
import { type Lang, type TemplateId, templateOf } from "./templates";

/**
 * Aliyun caps a template variable at 35 characters (Tencent's ordinary variables are shorter still
 * for some kinds, but 35 covers every value we send); longer values are cut with an ellipsis rather
 * than rejected by the provider.
 */
const SMS_VARIABLE_MAX = 35;
/** What the notification log shows in place of a secret variable (the query code). */
export const MASK = "••••••";

/**
 * A variable made safe for its channel. SMS: one line, no control characters, no 【】 (a value must
 * not fake the sender's signature), at most 35 characters. E-mail: the plain text keeps the value;
 * the HTML part escapes it (see `html`).
 */
export function escapeForChannel(value: string, channel: Channel): string {
  const oneLine = value
    .replace(/[\p{Cc}\p{Cf}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (channel === "email") return oneLine;
  const plain = oneLine.replace(/[【】]/g, (c) => (c === "【" ? "[" : "]"));
  return [...plain].length > SMS_VARIABLE_MAX ? `${[...plain].slice(0, SMS_VARIABLE_MAX - 1).join("")}…` : plain;
}

const fill = (text: string, values: ReadonlyMap<string, string>) =>
  text.replace(/\{(\w+)\}/g, (slot, name: string) => values.get(name) ?? slot);

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

export interface Rendered {
  /** In the template's order, escaped for the channel: what an SMS provider's template receives. */
  params: [name: string, value: string][];
  text: string;
  subject: string;
  /** E-mail only: the text as a minimal HTML body, every variable escaped. */
  html?: string;
}

/** Renders a template. A variable the caller did not give is a bug: it throws, naming it. */
export function render(
  templateId: TemplateId,
  vars: Readonly<Record<string, string>>,
  channel: Channel,
  lang: Lang,
): Rendered {
  const template = templateOf(templateId);
  const params = template.vars.map((name): [string, string] => {
    const value = vars[name];
    if (value === undefined) throw new Error(`template ${templateId} needs variable ${name}`);
    return [name, escapeForChannel(value, channel)];
  });
  const values = new Map(params);
  const text = fill(template.text[lang], values);
  const subject = fill(template.subject[lang], values);
  if (channel === "sms") return { params, text, subject };
  const htmlValues = new Map(params.map(([k, v]) => [k, escapeHtml(v)]));
  const html = `<!doctype html><html lang="${lang}"><body><p>${fill(escapeHtml(template.text[lang]), htmlValues)}</p></body></html>`;
  return { params, text, subject, html };
}

/** The variables that may be stored: everything but the template's secrets. */
export function storableVars(templateId: TemplateId, vars: Readonly<Record<string, string>>): Record<string, string> {
  const secret = new Set<string>(templateOf(templateId).secret ?? []);
  return Object.fromEntries(Object.entries(vars).filter(([k]) => !secret.has(k)));
}

/** The text as the notification log shows it: secrets masked. */
export function loggedText(
  templateId: TemplateId,
  storedVars: Readonly<Record<string, string>>,
  channel: Channel,
  lang: Lang,
): string {
  const masked = Object.fromEntries((templateOf(templateId).secret ?? []).map((k) => [k, MASK]));
  return render(templateId, { ...storedVars, ...masked }, channel, lang).text;
}
