import { env } from "cloudflare:workers";
import { caseRecord } from "../../../shared/case-record/client";
import { addMonths, currentPeriod } from "../../../shared/clocks/period";
import { ConsoleClient } from "./console";
import { caseAt, overdueCase, submitCase, waitFor } from "./helpers";

/**
 * A console with something on every page: cases in each queue, a published reply, an extension
 * request, a ladder notice, a leader's mailbox letter, a duplicate, a notification, a digest, an
 * evaluator group, the month's figures, an opinion analysis and a partner site. Then every page of
 * every role, as [who signs in (null: nobody), the paths they open].
 */
export async function consolePages(): Promise<[string | null, string[]][]> {
  const late = await overdueCase("pl-housing");
  const [assigned, drafted, toPublish, returned, accepted] = await Promise.all([
    caseAt("assigned", "pl-housing"),
    caseAt("drafted", "pl-housing"),
    caseAt("drafted", "pl-housing"),
    caseAt("returned", "pl-ecology"),
    caseAt("accepted"),
  ]);
  const letter = await submitCase({ addressee: "mayor", phone: "13700001111", title: "关于城区停车难的建议" }, "seed");
  const handler = await ConsoleClient.signIn("pl-housing-handler");
  await handler.act(assigned.trackingNo, "acknowledge");
  await handler.act(assigned.trackingNo, "requestExtension", { workingDays: "3", reason: "需要现场勘查" });
  const spokesperson = await ConsoleClient.signIn("pl-housing-spokesperson");
  await spokesperson.act(toPublish.trackingNo, "publishReply");
  const notice = await waitFor(() =>
    env.DB.prepare("SELECT event_id AS id FROM case_events WHERE case_id = ? AND type = 'case.escalated' LIMIT 1")
      .bind(late.caseId)
      .first<{ id: string }>(),
  );
  await caseRecord(env, late.caseId).read(); // the object is settled before the pages read it

  const now = new Date().toISOString();
  const period = addMonths(currentPeriod(), -1);
  await env.DB.batch([
    env.DB.prepare(
      "INSERT INTO duplicate_suggestions (case_id, candidate_tracking_no, similarity_pct, created_at) VALUES (?, ?, 87, ?)",
    ).bind(accepted.caseId, drafted.trackingNo, now),
    env.DB.prepare(
      "INSERT INTO notifications (id, case_id, channel, recipient, message, status, provider, created_at) VALUES (?, ?, 'sms', '13912345678', '您的留言已交办至平凉市住房和城乡建设局。', 'sent', 'local', ?)",
    ).bind(`${assigned.caseId}-sms`, assigned.caseId, now),
    env.DB.prepare(
      "INSERT INTO digests (department_id, date, due_today, due_soon, overdue, created_at) VALUES ('pl-housing', ?, 1, 2, 3, ?)",
    ).bind(now.slice(0, 10), now),
    env.DB.prepare("INSERT INTO evaluator_groups (id, name, weight) VALUES ('g-npc', '人大代表', 2)"),
    env.DB.prepare("INSERT INTO evaluator_members (user_id, group_id) VALUES ('evaluator', 'g-npc')"),
    env.DB.prepare(
      "INSERT INTO opinion_topics (period, region_code, term, n, recent, baseline, burst, rising, dissatisfied) VALUES (?, '*', '路灯', 12, 6, 1.5, 4, 1, 2)",
    ).bind(period),
    env.DB.prepare(
      "INSERT INTO opinion_clusters (period, cluster_id, size, region_code, label, case_ids) VALUES (?, 'c1', 2, '620802', '柳湖街道路灯不亮', ?)",
    ).bind(period, JSON.stringify([late.caseId, assigned.caseId])),
    env.DB.prepare("INSERT INTO opinion_cursor (id, submitted_at, case_id, ran_at) VALUES (1, ?, ?, ?)").bind(
      now,
      late.caseId,
      now,
    ),
    env.DB.prepare(
      "INSERT INTO widget_origins (origin, partner_name, created_at) VALUES ('https://www.pingliang.gov.cn', '平凉市政府网', ?)",
    ).bind(now),
  ]);

  const desk = (no: string) => `/console/cases/${no}`;
  const cases = [late, assigned, drafted, toPublish, returned, accepted, letter].map((c) => desk(c.trackingNo));
  const evaluation = [
    "/console/evaluation/accountability?period=2026-03",
    `/console/evaluation/accountability?period=${currentPeriod()}`,
    `/console/evaluation/opinion?period=${period}`,
    `/console/evaluation/opinion?period=${period}&region=620802`,
    "/console/evaluation/opinion?period=2019-01",
  ];
  return [
    [null, ["/console/login"]],
    [
      "dispatcher",
      [
        "/console/dispatch",
        "/console/leader",
        "/console/notifications",
        "/console/overdue",
        ...cases,
        `/console/notices/${notice.id}`,
      ],
    ],
    ["pl-housing-handler", ["/console/inbox", desk(assigned.trackingNo), desk(late.trackingNo)]],
    ["pl-housing-spokesperson", ["/console/review", desk(drafted.trackingNo), desk(toPublish.trackingNo)]],
    [
      "supervisor",
      [
        "/console/overdue",
        "/console/overdue?department=pl-housing",
        desk(late.trackingNo),
        `/console/notices/${notice.id}`,
        ...evaluation,
      ],
    ],
    ["evaluator", ["/console/evaluation/panel", `/console/evaluation/panel?period=${addMonths(period, -3)}`]],
    [
      "admin",
      [
        "/console/admin",
        "/console/admin/clocks",
        "/console/admin/widget-origins",
        "/console/evaluation/settings",
        "/console/evaluation/panel",
      ],
    ],
    ["pl-mayor-office-handler", ["/console/leader", `/console/evaluation/opinion?period=${period}`]],
  ];
}
