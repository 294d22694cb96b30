/**
 * Whether an outside caller's URL (a partner's webhook) points at the public internet, so that the
 * platform cannot be made to POST into its own network, a cloud's metadata service or localhost.
 * Workers have no DNS API, so host names are resolved over DNS-over-HTTPS (JSON, A and AAAA) and
 * every answer must be public. The check runs at registration and again before every delivery (a
 * name can be pointed elsewhere later); on the self-hosted target workerd's network also refuses
 * non-public peers when it connects, which closes the window between this lookup and the fetch's own.
 */
import * as z from "zod";
import { isPublicAddress, parseIpv4 } from "./ip-ranges";

export const DEFAULT_DNS_RESOLVER = "https://cloudflare-dns.com/dns-query";

/** How a target is checked: the resolver to ask, the fetch that asks it, and whether this is local development. */
export interface TargetNet {
  fetch: typeof fetch;
  resolverUrl: string;
  /** Local development (WENZHENG_ENV "local"): plain http to this machine is allowed, unchecked. */
  local: boolean;
}

export interface Refusal {
  ok: false;
  reason: "invalid" | "not-public" | "unresolvable" | "resolver-unavailable";
  message: string;
}
export type TargetVerdict = { ok: true } | Refusal;

/** Names that only mean something inside a network (RFC 6761, RFC 6762, cloud metadata, common LAN suffixes). */
const INTERNAL_SUFFIXES = ["localhost", "local", "internal", "arpa", "invalid", "lan", "intranet", "corp", "home"];
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

function isInternalName(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  // A single label ("intranet", "metadata") is resolved through a search domain, inside a network.
  if (!name.includes(".")) return true;
  return INTERNAL_SUFFIXES.some((suffix) => name === suffix || name.endsWith(`.${suffix}`));
}

const isIpLiteral = (host: string) => host.startsWith("[") || parseIpv4(host.replace(/\.$/, "")) !== null;

/**
 * What can be told from the URL alone: a URL, https (plain http only to this machine in local
 * development), no credentials, a host name rather than an address, and not an internal name.
 * `resolve` says whether the name still has to be looked up.
 */
export function checkUrl(raw: string, local: boolean): { ok: true; host: string; resolve: boolean } | Refusal {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: "invalid", message: "Not a URL." };
  }
  const host = url.hostname.toLowerCase();
  if (url.username || url.password) return { ok: false, reason: "invalid", message: "No credentials in the URL." };
  if (local && LOOPBACK_HOSTS.has(host) && (url.protocol === "http:" || url.protocol === "https:"))
    return { ok: true, host, resolve: false };
  if (url.protocol !== "https:") return { ok: false, reason: "invalid", message: "https:// URL required." };
  // The URL parser has already turned 2130706433, 0x7f.1 and 017700000001 into 127.0.0.1.
  if (isIpLiteral(host)) return { ok: false, reason: "not-public", message: "Use a host name, not an IP address." };
  if (isInternalName(host)) return { ok: false, reason: "not-public", message: "The host name is not public." };
  return { ok: true, host, resolve: true };
}

const DnsAnswer = z.object({
  Status: z.number(),
  Answer: z.array(z.object({ type: z.number(), data: z.string() })).optional(),
});
const A = 1;
const AAAA = 28;

/** The name's A and AAAA addresses (CNAMEs followed by the resolver), [] when it has none, null when the resolver failed. */
export async function resolveHost(host: string, net: Pick<TargetNet, "fetch" | "resolverUrl">) {
  // Types by number, which every JSON resolver (Cloudflare, Google, AliDNS) understands.
  const ask = async (type: typeof A | typeof AAAA) => {
    const url = new URL(net.resolverUrl);
    url.searchParams.set("name", host);
    url.searchParams.set("type", String(type));
    const res = await net.fetch(url.toString(), {
      headers: { accept: "application/dns-json" },
      redirect: "manual",
      signal: AbortSignal.timeout(5_000),
    });
    if (!res.ok) throw new Error(`resolver answered ${res.status}`);
    const answer = DnsAnswer.parse(await res.json());
    if (answer.Status === 3) return []; // NXDOMAIN
    if (answer.Status !== 0) throw new Error(`resolver status ${answer.Status}`);
    return (answer.Answer ?? []).filter((r) => r.type === A || r.type === AAAA).map((r) => r.data);
  };
  try {
    const [v4, v6] = await Promise.all([ask(A), ask(AAAA)]);
    return [...v4, ...v6];
  } catch {
    return null;
  }
}

/** The whole check: the URL, then every address its host resolves to. */
export async function checkTarget(raw: string, net: TargetNet): Promise<TargetVerdict> {
  const url = checkUrl(raw, net.local);
  if (!url.ok) return url;
  if (!url.resolve) return { ok: true };
  const addresses = await resolveHost(url.host, net);
  if (addresses === null)
    return { ok: false, reason: "resolver-unavailable", message: "The host name could not be checked; try again." };
  if (addresses.length === 0) return { ok: false, reason: "unresolvable", message: "The host name does not resolve." };
  if (!addresses.every(isPublicAddress))
    return { ok: false, reason: "not-public", message: "The host name resolves to an address that is not public." };
  return { ok: true };
}

/** The net a Worker checks and sends through: its own vars, and the global fetch looked up at each call. */
export function targetNet(vars: { WENZHENG_ENV: string; WEBHOOK_DNS_RESOLVER?: string }): TargetNet {
  return {
    fetch: (input, init) => fetch(input, init),
    resolverUrl: vars.WEBHOOK_DNS_RESOLVER || DEFAULT_DNS_RESOLVER,
    local: vars.WENZHENG_ENV === "local",
  };
}
