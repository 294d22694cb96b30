/**
 * The network a webhook test runs against, offline: a DNS-over-HTTPS resolver answering from a
 * table (NXDOMAIN for other names) and the partners' endpoints as a function. A 3xx is followed
 * the way `fetch` follows it unless the caller said `redirect: "manual"`, so a test can tell
 * whether the code under test follows redirects.
 */
import { DEFAULT_DNS_RESOLVER, type TargetNet } from "../shared/http/public-address";

export interface FakeNet {
  net: TargetNet;
  fetch: typeof fetch;
  /** Every request that was not a DNS query, in order. */
  posts: Request[];
  lookups: string[];
}

export function fakeNet(
  dns: Record<string, string[]>,
  endpoint: (request: Request) => Response | Promise<Response> = () => new Response(null, { status: 204 }),
  options: { local?: boolean } = {},
): FakeNet {
  const posts: Request[] = [];
  const lookups: string[] = [];
  const send = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    if (`${url.origin}${url.pathname}` === DEFAULT_DNS_RESOLVER) {
      const name = url.searchParams.get("name") ?? "";
      const type = url.searchParams.get("type") ?? "";
      lookups.push(`${name} ${type}`);
      const addresses = dns[name];
      if (!addresses) return Response.json({ Status: 3 });
      const v6 = type === "28";
      const wanted = addresses.filter((a) => a.includes(":") === v6);
      return Response.json({ Status: 0, Answer: wanted.map((data) => ({ type: v6 ? 28 : 1, data })) });
    }
    posts.push(request.clone());
    const response = await endpoint(request);
    const location = response.headers.get("location");
    if (init?.redirect !== "manual" && location && response.status >= 300 && response.status < 400)
      return send(new URL(location, request.url), { method: "GET" });
    return response;
  };
  const fetch = send as typeof globalThis.fetch;
  return { net: { fetch, resolverUrl: DEFAULT_DNS_RESOLVER, local: options.local ?? true }, fetch, posts, lookups };
}
