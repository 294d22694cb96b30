import { env } from "cloudflare:workers";
import { interviewStub } from "../../../shared/interviews/client";
import type { InterviewPlan, LiveFrame } from "../../../shared/interviews/interview.schema";
import type { ModerationCommand } from "../../../shared/interviews/questions";
import { uniqueKey, waitFor } from "./fixtures";

export const MINUTE = 60_000;
export const OFFICE = { role: "dispatcher", userId: "dispatcher", departmentId: "pl-office" } as const;
export const HOUSING_GUEST = {
  role: "spokesperson",
  userId: "pl-housing-spokesperson",
  departmentId: "pl-housing",
} as const;

export function plan(startsAtMs: number, endsAtMs: number): InterviewPlan {
  return {
    title: "老旧小区改造与冬季供暖",
    description: "市住建局、市生态环境局负责同志在线回答网友提问。",
    regionCode: "620800",
    guests: [
      { id: "g1", name: "王建国", title: "市住建局副局长", departmentId: "pl-housing" },
      { id: "g2", name: "吴志强", title: "市生态环境局副局长", departmentId: "pl-ecology" },
    ],
    startsAt: new Date(startsAtMs).toISOString(),
    endsAt: new Date(endsAtMs).toISOString(),
  };
}

export function newInterviewId(): string {
  return uniqueKey("iv")
    .replace(/[^0-9a-z]/g, "")
    .slice(-24);
}

/** A session scheduled at `scheduledAtMs` (the seed's way of backdating; now by default), running from `startsAtMs` to `endsAtMs`. */
export async function scheduled(startsAtMs: number, endsAtMs: number, scheduledAtMs = Date.now()) {
  const id = newInterviewId();
  const stub = interviewStub(env, id);
  const result = await stub.schedule({
    interviewId: id,
    plan: plan(startsAtMs, endsAtMs),
    idempotencyKey: uniqueKey("schedule"),
    scheduledBy: "dispatcher",
    now: new Date(scheduledAtMs).toISOString(),
  });
  if (!result.ok) throw new Error(result.error.message);
  return { id, stub };
}

export const TEXT = "我们小区的暖气一直不热，老旧小区改造什么时候能轮到？";

export async function ask(
  stub: ReturnType<typeof interviewStub>,
  id: string,
  extra: { text?: string; phone?: string; name?: string; at?: number } = {},
) {
  const { at, ...question } = extra;
  const result = await stub.ask({
    interviewId: id,
    idempotencyKey: uniqueKey("ask"),
    question: { text: TEXT, ...question },
    verdict: { action: "pass" },
    ...(at === undefined ? {} : { now: new Date(at).toISOString() }),
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value.questionId;
}

export async function moderate(
  stub: ReturnType<typeof interviewStub>,
  id: string,
  command: ModerationCommand,
  actor: typeof OFFICE | typeof HOUSING_GUEST = OFFICE,
  at?: number,
) {
  return stub.moderate({
    interviewId: id,
    idempotencyKey: uniqueKey("mod"),
    actor,
    command,
    ...(at === undefined ? {} : { now: new Date(at).toISOString() }),
  });
}

/** A viewer's WebSocket on the live feed, collecting every frame it receives. */
export async function connectViewer(
  fetcher: { fetch: (input: string, init?: RequestInit) => Promise<Response> },
  url: string,
) {
  const res = await fetcher.fetch(url, { headers: { Upgrade: "websocket" } });
  const ws = res.webSocket;
  if (res.status !== 101 || !ws) throw new Error(`no WebSocket: ${res.status}`);
  ws.accept();
  const frames: LiveFrame[] = [];
  ws.addEventListener("message", (event) => frames.push(JSON.parse(String(event.data)) as LiveFrame));
  return {
    ws,
    frames,
    /** The first frame of `type` (after `skip` of them), waiting for it to arrive. */
    next: <T extends LiveFrame["type"]>(type: T, skip = 0) =>
      waitFor(
        async () =>
          (frames.filter((f) => f.type === type)[skip] as Extract<LiveFrame, { type: T }> | undefined) ?? null,
      ),
  };
}
