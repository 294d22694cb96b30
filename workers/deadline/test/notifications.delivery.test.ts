import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { PlannedNotification } from "../../../shared/notify/plan";
import type { NotificationProvider, OutgoingMessage, SendOutcome } from "../../../shared/notify/provider";
import { recipientDigest } from "../../../shared/notify/unsubscribe";
import { type DeliverySettings, deliver, recordPlanned, type Senders } from "../src/notifications/delivery";

/** 10:00 Beijing time: outside quiet hours. */
const MORNING = Date.parse("2026-03-02T10:00:00+08:00");
const MINUTE = 60_000;
const settings: DeliverySettings = {
  smsDailyCap: 5,
  unsubscribeUrl: (token) => `https://wz.example/notifications/unsubscribe?t=${token}`,
};

/**
 * A provider that records what reached it. `crash` simulates the Worker dying around the send:
 * "before" the request leaves (nothing arrives, the send throws), "after" it arrived (the provider
 * has it, but the answer is lost: the send throws).
 */
function recorder(options: { dedupes?: boolean; lookup?: boolean; answers?: SendOutcome[] } = {}) {
  const arrived: OutgoingMessage[] = [];
  let crash: "before" | "after" | null = null;
  const answers = [...(options.answers ?? [])];
  const provider: NotificationProvider = {
    name: "recorder",
    channel: "sms",
    dedupes: options.dedupes ?? false,
    async send(message) {
      if (crash === "before") throw new Error("connection reset");
      const answer = answers.shift() ?? { kind: "sent", providerMessageId: `p-${arrived.length}` };
      if (answer.kind === "sent") arrived.push(message);
      if (crash === "after") throw new Error("connection reset");
      return answer;
    },
    ...(options.lookup
      ? {
          lookup: async (m: OutgoingMessage): Promise<"sent" | "not_sent"> =>
            arrived.some((a) => a.id === m.id) ? "sent" : "not_sent",
        }
      : {}),
  };
  return {
    provider,
    arrived,
    /** Messages the person got: a deduping provider delivers one per id. */
    delivered: () => (provider.dedupes ? new Set(arrived.map((m) => m.id)).size : arrived.length),
    crashing: (when: "before" | "after" | null) => {
      crash = when;
    },
  };
}

let n = 0;
function planned(over: Partial<PlannedNotification> = {}): PlannedNotification {
  n += 1;
  const eventId = `evt-${crypto.randomUUID()}`;
  return {
    id: `${eventId}:petitioner:sms`,
    eventId,
    caseId: `case-${n}`,
    trackingNo: "ABCDEFGHJKM1",
    recipient: {
      ref: "petitioner",
      kind: "citizen",
      lang: "zh-CN",
      phone: `1380000${String(n).padStart(4, "0")}`,
      email: null,
    },
    channel: "sms",
    to: `1380000${String(n).padStart(4, "0")}`,
    template: "citizen.receipt",
    vars: { trackingNo: "ABCD-EFGH-JKM1", queryCode: "QC123456" },
    ...over,
  };
}

async function row(id: string) {
  return env.DB.prepare(
    "SELECT status, attempts, error, message, vars, next_attempt_at FROM notifications WHERE id = ?",
  )
    .bind(id)
    .first<{
      status: string;
      attempts: number;
      error: string | null;
      message: string;
      vars: string;
      next_attempt_at: string | null;
    }>();
}

/** One delivery attempt as the consumer or the sweep makes it: record (a no-op when recorded), then send what is due. */
async function attempt(p: PlannedNotification, senders: Senders, now: number) {
  for (const r of await recordPlanned(env.DB, [p], senders, settings, now))
    await deliver(env.DB, r, senders, settings, now);
}
const sms = (provider: NotificationProvider): Senders => ({ sms: provider, email: null });

describe("exactly once per event, recipient and channel", () => {
  it("a redelivered message sends nothing twice, and the log holds no query code", async () => {
    const r = recorder();
    const p = planned();
    await attempt(p, sms(r.provider), MORNING);
    await attempt(p, sms(r.provider), MORNING + MINUTE); // crash after recording, before the ack: redelivered
    expect(r.delivered()).toBe(1);
    expect(r.arrived[0]?.text).toContain("QC123456"); // the citizen gets the code …
    const logged = await row(p.id);
    expect(logged).toMatchObject({ status: "sent", attempts: 1 });
    expect(`${logged?.message}${logged?.vars}`).not.toContain("QC123456"); // … the log never does
  });

  it("two deliveries of the same message at once send one", async () => {
    const r = recorder();
    const p = planned();
    const [a, b] = [
      await recordPlanned(env.DB, [p], sms(r.provider), settings, MORNING),
      await recordPlanned(env.DB, [p], sms(r.provider), settings, MORNING),
    ];
    await Promise.all([...a, ...b].map((x) => deliver(env.DB, x, sms(r.provider), settings, MORNING)));
    expect(r.delivered()).toBe(1);
  });

  // What the person got, and how the row ends, when the Worker dies before / after the provider took it.
  describe.each([
    ["a provider that dedupes (e-mail API with Idempotency-Key)", { dedupes: true }, [1, 1], "sent"],
    ["an SMS provider asked by our id (Aliyun OutId, Tencent SessionContext)", { lookup: true }, [1, 1], "sent"],
    ["an SMS provider that can be neither", {}, [0, 1], "unknown"],
  ] as const)("a crash around the send, with %s", (_name, options, [lostBefore, lostAfter], settled) => {
    it.each([
      ["before the request left", "before", lostBefore],
      ["after the provider took it", "after", lostAfter],
    ] as const)("%s: never twice", async (_when, crash, expected) => {
      const r = recorder(options);
      const p = planned();
      r.crashing(crash);
      await attempt(p, sms(r.provider), MORNING);
      expect((await row(p.id))?.status).toBe("sending");
      r.crashing(null);
      await attempt(p, sms(r.provider), MORNING + MINUTE); // too soon: the send may still be in flight
      await attempt(p, sms(r.provider), MORNING + 6 * MINUTE); // the sweep, after the grace period
      await attempt(p, sms(r.provider), MORNING + 30 * MINUTE);
      expect(r.delivered()).toBe(expected);
      // Settled either way: sent, or marked unknown for a person to judge (never left hanging).
      expect((await row(p.id))?.status).toBe(settled);
    });
  });
});

describe("provider refusals", () => {
  it("an outage backs off and retries, sending once it is over", async () => {
    const r = recorder({
      answers: [
        { kind: "rejected", retryable: true, error: "isp.SYSTEM_ERROR" },
        { kind: "rejected", retryable: true, error: "isp.SYSTEM_ERROR" },
      ],
    });
    const p = planned();
    await attempt(p, sms(r.provider), MORNING);
    expect(await row(p.id)).toMatchObject({ status: "queued", attempts: 1, error: "isp.SYSTEM_ERROR" });
    await attempt(p, sms(r.provider), MORNING + 30_000); // before its backoff: nothing
    expect((await row(p.id))?.attempts).toBe(1);
    await attempt(p, sms(r.provider), MORNING + MINUTE);
    await attempt(p, sms(r.provider), MORNING + 4 * MINUTE);
    expect(await row(p.id)).toMatchObject({ status: "sent", attempts: 3 });
    expect(r.delivered()).toBe(1);
  });

  it("a final refusal fails with the provider's error and is not retried", async () => {
    const r = recorder({ answers: [{ kind: "rejected", retryable: false, error: "isv.MOBILE_NUMBER_ILLEGAL" }] });
    const p = planned();
    await attempt(p, sms(r.provider), MORNING);
    await attempt(p, sms(r.provider), MORNING + 60 * MINUTE);
    expect(await row(p.id)).toMatchObject({ status: "failed", attempts: 1, error: "isv.MOBILE_NUMBER_ILLEGAL" });
    expect(r.delivered()).toBe(0);
  });
});

describe("what holds a message", () => {
  it("quiet hours: an SMS due at 23:00 Beijing time waits for 08:00", async () => {
    const r = recorder();
    const p = planned();
    const late = Date.parse("2026-03-02T23:00:00+08:00");
    await attempt(p, sms(r.provider), late);
    expect(await row(p.id)).toMatchObject({ status: "queued", next_attempt_at: "2026-03-03T00:00:00.000Z" });
    await attempt(p, sms(r.provider), Date.parse("2026-03-03T07:55:00+08:00"));
    expect(r.delivered()).toBe(0);
    await attempt(p, sms(r.provider), Date.parse("2026-03-03T08:00:00+08:00"));
    expect(r.delivered()).toBe(1);
  });

  it("a citizen's phone gets at most the daily cap; the rest are suppressed, visibly", async () => {
    const r = recorder();
    const phone = "13911112222";
    const day = Date.parse("2026-04-01T10:00:00+08:00");
    const six = Array.from({ length: 6 }, () => planned({ to: phone }));
    for (const p of six) await attempt(p, sms(r.provider), day);
    expect(r.delivered()).toBe(5);
    expect(await row(six[5]?.id ?? "")).toMatchObject({ status: "suppressed", error: "daily cap of 5 SMS reached" });
    await attempt(planned({ to: phone }), sms(r.provider), Date.parse("2026-04-02T10:00:00+08:00")); // a new day
    expect(r.delivered()).toBe(6);
  });

  it("an address that unsubscribed, or a channel with no provider, is suppressed with the reason", async () => {
    const r = recorder();
    const optedOut = planned({ to: "13977778888" });
    await env.DB.prepare("INSERT INTO notification_optouts (channel, recipient_hash, created_at) VALUES ('sms', ?, ?)")
      .bind(recipientDigest("13977778888"), new Date(MORNING).toISOString())
      .run();
    await attempt(optedOut, sms(r.provider), MORNING);
    const noEmail = planned({ channel: "email", to: "x@example.com" });
    await attempt(noEmail, sms(r.provider), MORNING);
    expect(r.delivered()).toBe(0);
    expect(await row(optedOut.id)).toMatchObject({ status: "suppressed", error: "unsubscribed" });
    expect(await row(noEmail.id)).toMatchObject({ status: "suppressed", error: "no email provider configured" });
  });
});
