import { describe, expect, it } from "vitest";
import { isPublicAddress, parseIpv4, parseIpv6 } from "./ip-ranges";
import { checkTarget, checkUrl, type TargetNet } from "./public-address";

describe("IP address forms", () => {
  it.each([
    ["127.0.0.1", 0x7f000001],
    ["2130706433", 0x7f000001],
    ["0x7f.1", 0x7f000001],
    ["017700000001", 0x7f000001],
    ["0177.0.0.1", 0x7f000001],
    ["169.254.43518", 0xa9fea9fe],
  ])("reads %s as an IPv4 address", (text, n) => expect(parseIpv4(text)).toBe(n));

  it.each(["example.com", "1.2.3.4.5", "256.1.1.1", "4294967296", "08.1.1.1"])("%s is not IPv4", (text) =>
    expect(parseIpv4(text)).toBeNull(),
  );

  it.each([
    ["::1", [0, 0, 0, 0, 0, 0, 0, 1]],
    ["[fe80::1]", [0xfe80, 0, 0, 0, 0, 0, 0, 1]],
    ["::ffff:127.0.0.1", [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1]],
    ["2606:4700:4700::1111", [0x2606, 0x4700, 0x4700, 0, 0, 0, 0, 0x1111]],
  ])("reads %s as an IPv6 address", (text, groups) => expect(parseIpv6(text)).toEqual(groups));

  it.each(["1::2::3", "fe80::1%eth0", "12345::", "1:2:3:4:5:6:7:8:9"])("%s is not IPv6", (text) =>
    expect(parseIpv6(text)).toBeNull(),
  );
});

describe("public addresses", () => {
  it.each(["1.1.1.1", "8.8.8.8", "101.37.0.1", "2606:4700:4700::1111", "2400:3200::1"])("%s is public", (a) =>
    expect(isPublicAddress(a)).toBe(true),
  );

  it.each([
    "0.0.0.0",
    "10.0.0.1",
    "100.64.0.1",
    "100.127.255.254",
    "127.0.0.1",
    "127.255.255.255",
    "169.254.169.254",
    "172.16.0.1",
    "172.31.255.255",
    "192.168.1.1",
    "198.18.0.1",
    "224.0.0.1",
    "239.255.255.250",
    "240.0.0.1",
    "255.255.255.255",
    "::",
    "::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "::ffff:8.8.8.8",
    "64:ff9b::a00:1",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "ff02::1",
    "2001:db8::1",
    "2002:a00:1::",
    "2001::1",
    "not an address",
  ])("%s is not public", (a) => expect(isPublicAddress(a)).toBe(false));
});

describe("webhook URLs", () => {
  it.each([
    "http://169.254.169.254/latest/meta-data/",
    "https://169.254.169.254/",
    "https://2130706433/",
    "https://0x7f.1/",
    "https://017700000001/",
    "https://[::1]/",
    "https://[::ffff:7f00:1]/",
    "https://8.8.8.8/",
    "https://localhost/",
    "https://api.localhost/",
    "https://printer.local/",
    "https://metadata.google.internal/computeMetadata/v1/",
    "https://metadata/",
    "https://localhost./",
    "http://partner.example/plain",
    "ftp://partner.example/",
    "https://user:pw@partner.example/",
    "not a url",
  ])("refuses %s in production", (url) => expect(checkUrl(url, false).ok).toBe(false));

  it("allows plain http to this machine only in local development", () => {
    for (const url of ["http://localhost:8790/hook", "http://127.0.0.1:9/x", "http://[::1]:8080/"]) {
      expect(checkUrl(url, true)).toMatchObject({ ok: true, resolve: false });
      expect(checkUrl(url, false).ok).toBe(false);
    }
    expect(checkUrl("http://10.0.0.1/", true).ok).toBe(false);
    expect(checkUrl("http://partner.example/", true).ok).toBe(false);
  });

  it("leaves a public-looking https name to be resolved", () => {
    expect(checkUrl("https://hooks.partner.example:8443/wenzheng", false)).toEqual({
      ok: true,
      host: "hooks.partner.example",
      resolve: true,
    });
  });
});

/** A DNS-over-HTTPS resolver answering from a table (name → addresses), NXDOMAIN for the rest. */
function resolver(table: Record<string, string[]>, seen: string[] = []): TargetNet {
  const fetch = (async (input: RequestInfo | URL) => {
    const url = new URL(String(input));
    const name = url.searchParams.get("name") ?? "";
    const type = url.searchParams.get("type");
    seen.push(`${name} ${type}`);
    const addresses = table[name];
    if (!addresses) return Response.json({ Status: 3 });
    const v6 = (a: string) => a.includes(":");
    const answer = addresses.filter((a) => (type === "28" ? v6(a) : !v6(a)));
    return Response.json({
      Status: 0,
      Answer: [{ type: 5, data: "cname.example." }, ...answer.map((data) => ({ type: v6(data) ? 28 : 1, data }))],
    });
  }) as typeof globalThis.fetch;
  return { fetch, resolverUrl: "https://doh.test/dns-query", local: false };
}

describe("checkTarget", () => {
  it("accepts a name whose every address is public, asking for A and AAAA", async () => {
    const seen: string[] = [];
    const net = resolver({ "hooks.partner.example": ["93.184.216.34", "2606:2800:220:1::1"] }, seen);
    expect(await checkTarget("https://hooks.partner.example/h", net)).toEqual({ ok: true });
    expect(seen.sort()).toEqual(["hooks.partner.example 1", "hooks.partner.example 28"]);
  });

  it.each([
    ["10.0.0.1"],
    ["93.184.216.34", "127.0.0.1"],
    ["169.254.169.254"],
    ["100.64.1.1"],
    ["fd00::1"],
    ["::ffff:192.168.0.1"],
  ])("refuses a name that resolves to %s …", async (...addresses) => {
    const net = resolver({ "rebind.partner.example": addresses });
    expect(await checkTarget("https://rebind.partner.example/", net)).toMatchObject({
      ok: false,
      reason: "not-public",
    });
  });

  it("refuses a name without addresses, and says so when the resolver fails", async () => {
    expect(await checkTarget("https://nowhere.example/", resolver({}))).toMatchObject({ reason: "unresolvable" });
    const down: TargetNet = {
      fetch: async () => new Response("busy", { status: 503 }),
      resolverUrl: "https://doh.test/dns-query",
      local: false,
    };
    expect(await checkTarget("https://hooks.partner.example/", down)).toMatchObject({ reason: "resolver-unavailable" });
  });

  it("does not resolve what the URL already refuses, nor loopback in local development", async () => {
    const seen: string[] = [];
    expect((await checkTarget("https://169.254.169.254/", resolver({}, seen))).ok).toBe(false);
    expect(await checkTarget("http://127.0.0.1:8790/", { ...resolver({}, seen), local: true })).toEqual({ ok: true });
    expect(seen).toEqual([]);
  });
});
