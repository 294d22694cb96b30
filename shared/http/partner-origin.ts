const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);
// Plain DNS names and IPv4 (IDNs arrive as punycode): no `*` wildcards, which CSP would honour.
const HOSTNAME = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export type PartnerOrigin = { ok: true; origin: string } | { ok: false; reason: string };

/**
 * A partner site's origin as it may stand in a `frame-ancestors` list: https (http only for
 * localhost / 127.0.0.1 in local development), a host and an optional port, nothing else. The
 * answer is the browser's own serialization (lower case, default port dropped), so a stored value
 * can never carry a path, a wildcard or a `;` into the policy.
 */
export function parsePartnerOrigin(input: string): PartnerOrigin {
  const value = input.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: "不是有效的网址，例如 https://www.example.gov.cn" };
  }
  if (url.username || url.password) return { ok: false, reason: "不能包含用户名或密码" };
  if (url.pathname !== "/" || url.search || url.hash || /[?#]/.test(value) || /^[a-z]+:\/\/[^/]+\/./i.test(value)) {
    return { ok: false, reason: "只填写协议、域名和端口，不含路径" };
  }
  const local = LOCAL_HOSTS.has(url.hostname);
  if (!(url.protocol === "https:" || (url.protocol === "http:" && local))) {
    return { ok: false, reason: "必须使用 https（本地调试可用 http://localhost 或 http://127.0.0.1）" };
  }
  if (!local && !HOSTNAME.test(url.hostname)) return { ok: false, reason: "域名不正确（不支持通配符）" };
  return { ok: true, origin: url.origin };
}

/** True when a stored value is exactly a valid partner origin. */
export function isPartnerOrigin(value: string): boolean {
  const parsed = parsePartnerOrigin(value);
  return parsed.ok && parsed.origin === value;
}
