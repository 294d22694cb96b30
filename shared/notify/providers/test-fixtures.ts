/** For the SMS adapters' tests: a fetch that records each request and plays back canned answers. */
import type { OutgoingMessage } from "../provider";
import type { Fetch } from "./sms-common";

export interface RecordedRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string;
}

/** Answers in order; an Error is thrown instead of answered, like a connection lost in flight. */
export function recordingFetch(...answers: (Response | Error)[]): { fetch: Fetch; requests: RecordedRequest[] } {
  const requests: RecordedRequest[] = [];
  const fetch: Fetch = async (url, init) => {
    requests.push({
      url,
      method: init.method ?? "GET",
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: typeof init.body === "string" ? init.body : "",
    });
    const answer = answers.shift();
    if (answer === undefined) throw new Error(`no answer left for request ${requests.length}`);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch, requests };
}

export const json = (body: unknown, status = 200): Response =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

export const badGateway = (): Response =>
  new Response("<html><body><h1>502 Bad Gateway</h1></body></html>", {
    status: 502,
    headers: { "content-type": "text/html" },
  });

export const message: OutgoingMessage = {
  id: "evt-01HZX3Q9:sms",
  channel: "sms",
  to: "13800138000",
  template: "case.assigned",
  params: [
    ["trackingNo", "PL20261207-0042"],
    ["unit", "市住建局"],
  ],
  text: "【平凉网络问政】您的留言 PL20261207-0042 已交办承办单位办理。",
};
