import { env, exports } from "cloudflare:workers";
import { totpCode } from "../../../shared/auth/totp";
import { DEMO_STAFF_PASSWORD } from "../../../shared/demo/demo-config";

const BASE = "http://console.test";

/** A signed-in browser: keeps the session cookie and reads the CSRF token from the pages. */
export class ConsoleClient {
  private cookies = new Map<string, string>();
  csrf = "";

  static async signIn(
    username: string,
    password = DEMO_STAFF_PASSWORD,
    ip = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  ): Promise<ConsoleClient> {
    const client = new ConsoleClient(ip);
    const res = await client.login(username, password);
    if (res.status !== 303) throw new Error(`sign-in as ${username} failed: ${res.status}`);
    if (res.headers.get("location")?.startsWith("/console/verify")) await client.secondFactor(username);
    await client.get("/console");
    return client;
  }

  /**
   * The code page after the password, answered with the account's current code. Tests sign the same
   * account in many times a minute, which the one-use-per-step rule would refuse: the helper forgets
   * the last step used first (the rule itself is tested in second-factor.routes.test.ts).
   */
  async secondFactor(username: string): Promise<void> {
    const row = await env.DB.prepare("SELECT totp_secret AS secret FROM users WHERE username = ?")
      .bind(username)
      .first<{ secret: string }>();
    await env.DB.prepare("UPDATE users SET totp_last_step = NULL WHERE username = ?").bind(username).run();
    await this.get("/console/verify");
    const res = await this.post("/console/verify", { code: totpCode(row?.secret ?? "", Date.now()), next: "/console" });
    if (res.status !== 303) throw new Error(`second factor for ${username} failed: ${res.status}`);
  }

  constructor(readonly ip: string) {}

  async login(username: string, password: string): Promise<Response> {
    const page = await (await this.get("/console/login")).text();
    const token = /name="_login" value="([^"]+)"/.exec(page)?.[1] ?? "";
    return this.post("/console/login", { _login: token, username, password, next: "/console" }, { withCsrf: false });
  }

  async get(path: string): Promise<Response> {
    const res = await exports.default.fetch(`${BASE}${path}`, { headers: this.headers(), redirect: "manual" });
    return this.remember(res);
  }

  async post(
    path: string,
    fields: Record<string, string | string[]>,
    opts: { withCsrf?: boolean } = {},
  ): Promise<Response> {
    const body = new URLSearchParams();
    if (opts.withCsrf !== false) body.append("_csrf", this.csrf);
    body.append("_key", crypto.randomUUID());
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    const res = await exports.default.fetch(`${BASE}${path}`, {
      method: "POST",
      headers: { ...this.headers(), "content-type": "application/x-www-form-urlencoded" },
      body: body.toString(),
      redirect: "manual",
    });
    return this.remember(res);
  }

  /** Opens the case page and submits one of its action forms, with the form's own hidden fields. */
  async act(trackingNo: string, command: string, fields: Record<string, string | string[]> = {}): Promise<Response> {
    const html = await (await this.get(`/console/cases/${trackingNo}`)).text();
    return this.post(`/console/cases/${trackingNo}/do/${command}`, {
      ...hiddenFields(html, `/console/cases/${trackingNo}/do/${command}`),
      ...fields,
    });
  }

  snapshotCookies(): [string, string][] {
    return [...this.cookies];
  }

  restoreCookies(entries: [string, string][]): void {
    this.cookies = new Map(entries);
  }

  private headers(): Record<string, string> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    return { "cf-connecting-ip": this.ip, ...(cookie ? { cookie } : {}) };
  }

  private async remember(res: Response): Promise<Response> {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair?.indexOf("=") ?? -1;
      if (pair && eq > 0) {
        const value = pair.slice(eq + 1);
        if (value === "" || /max-age=0/i.test(line)) this.cookies.delete(pair.slice(0, eq));
        else this.cookies.set(pair.slice(0, eq), value);
      }
    }
    if (res.headers.get("content-type")?.includes("text/html")) {
      const html = await res.clone().text();
      const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
      if (token) this.csrf = token;
    }
    return res;
  }
}

/** The hidden inputs of the form posting to `action`, minus the guard fields the client adds itself. */
export function hiddenFields(html: string, action: string): Record<string, string> {
  const form =
    new RegExp(`<form[^>]*action="${action.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"[^>]*>([\\s\\S]*?)</form>`).exec(
      html,
    )?.[1] ?? "";
  const out: Record<string, string> = {};
  for (const m of form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
    if (m[1] && m[1] !== "_csrf" && m[1] !== "_key") out[m[1]] = m[2] ?? "";
  }
  return out;
}
