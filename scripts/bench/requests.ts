/**
 * The requests the bench sends. Every submission is a distinct, realistic message so that the
 * platform does real work on each one:
 * - a unique Idempotency-Key (or form token), or it would be a replay answered from the first;
 * - a unique phone number and text, or screening would merge it into an earlier case as the same
 *   message from the same phone;
 * - category urban_rural in region 620802 (崆峒区), so routing assigns it via the 派单目录 and the
 *   pipeline latency has an end point;
 * - a distinct `cf-connecting-ip` per request: intake allows 10 submissions a minute per client
 *   address, and the bench measures the pipeline, not the rate limiter (which stays in the path:
 *   every request still consults it).
 */
import type { HttpRequestSpec } from "./load.ts";

export interface Submission {
  type: string;
  title: string;
  body: string;
  regionCode: string;
  category: string;
  phone: string;
  isPublic: boolean;
}

/** A run-unique tag, also written into each title so D1 rows can be counted per phase. */
export function runTag(): string {
  return `b${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 3).toString(36)}`;
}

/** Spreads request numbers over 10.0.0.0/8: 16 M distinct client addresses. */
export function clientAddress(i: number): string {
  return `10.${(i >>> 16) & 255}.${(i >>> 8) & 255}.${i & 255}`;
}

const PLACES = ["崆峒区柳湖", "东关", "西郊", "中街", "四十里铺", "白水", "草峰", "安国"];

export function submission(tag: string, i: number): Submission {
  const place = PLACES[i % PLACES.length] ?? "崆峒区";
  return {
    type: "complaint",
    title: `${place}小区路灯不亮两个月（${tag}-${i}）`,
    body: `${place}小区内的路灯已经坏了两个多月，晚上老人孩子出门很不安全，多次向物业反映没有结果，希望有关部门督促维修。编号${tag}-${i}。`,
    regionCode: "620802",
    category: "urban_rural",
    // 139 + eight digits: unique per request within a phase, a valid mainland mobile number.
    phone: `139${String(i % 100_000_000).padStart(8, "0")}`,
    isPublic: true,
  };
}

/** `POST /api/v1/cases` as a partner's or our own client would send it. */
export function jsonSubmission(tag: string, i: number): HttpRequestSpec {
  return {
    method: "POST",
    path: "/api/v1/cases",
    headers: {
      "content-type": "application/json",
      "idempotency-key": `bench-${tag}-${String(i).padStart(8, "0")}`,
      "cf-connecting-ip": clientAddress(i),
    },
    body: JSON.stringify(submission(tag, i)),
  };
}

/** `POST /submit` as the zh-CN form posts it (the hidden formToken is the idempotency key). */
export function formSubmission(tag: string, i: number): HttpRequestSpec {
  const s = submission(tag, i);
  const fields = new URLSearchParams({
    formToken: crypto.randomUUID(),
    type: s.type,
    title: s.title,
    body: s.body,
    regionCode: s.regionCode,
    category: s.category,
    phone: s.phone,
    isPublic: "true",
  });
  return {
    method: "POST",
    path: "/submit",
    headers: { "content-type": "application/x-www-form-urlencoded", "cf-connecting-ip": clientAddress(i) },
    body: fields.toString(),
  };
}

/** A public read of one case's JSON view, cycling through cases created earlier in the run. */
export function caseView(trackingNos: readonly string[]): (i: number) => HttpRequestSpec {
  return (i) => ({
    method: "GET",
    path: `/api/v1/cases/${trackingNos[i % trackingNos.length] ?? "NONE0000"}`,
    headers: { "cf-connecting-ip": clientAddress(i) },
  });
}

/** The widget's JSON: one popular case (cache hits), or a fresh URL per request (cache misses). */
export function widgetView(trackingNos: readonly string[], miss: boolean): (i: number) => HttpRequestSpec {
  return (i) => ({
    method: "GET",
    path: miss
      ? `/api/v1/widget/cases/${trackingNos[i % trackingNos.length] ?? "NONE0000"}?v=${i}-${Date.now()}`
      : `/api/v1/widget/cases/${trackingNos[0] ?? "NONE0000"}`,
    headers: { "cf-connecting-ip": clientAddress(i), origin: "https://partner.example" },
  });
}

/** The public board, the site's front page. */
export function boardPage(i: number): HttpRequestSpec {
  return { method: "GET", path: "/", headers: { "cf-connecting-ip": clientAddress(i) } };
}

/** Picks the tracking number out of a 201 receipt (JSON) or a receipt page (form). */
export function trackingNoOf(body: string): string | null {
  const json = /"trackingNo":"([0-9A-Z]+)"/.exec(body);
  return json?.[1] ?? null;
}

/**
 * The same request as a city's nginx front passes it to the self-hosted target: the client's
 * address in X-Real-IP (no Cloudflare in front to set cf-connecting-ip).
 */
export function behindProxy(spec: HttpRequestSpec): HttpRequestSpec {
  const { "cf-connecting-ip": address, ...headers } = spec.headers;
  return { ...spec, headers: address === undefined ? headers : { ...headers, "x-real-ip": address } };
}
