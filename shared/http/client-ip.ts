/** The client's address as Cloudflare reports it; "local" in local runs without the header. */
export function clientIp(header: (name: string) => string | undefined): string {
  return header("cf-connecting-ip") ?? header("x-real-ip") ?? "local";
}
