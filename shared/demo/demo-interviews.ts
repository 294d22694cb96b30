import { addDays, shanghaiDate } from "../clocks/period";
import type { InterviewPlan } from "../interviews/interview.schema";

/**
 * The demo city's 在线访谈: one held a week ago (a transcript, answers, one question merged, one
 * declined, one left unanswered and filed as a case) and one in three days (questions already
 * waiting, one approved ahead of the start). Times are whole Beijing hours on days counted from
 * today, so a second seed on the same day replays the same commands.
 */

/** What the moderator or a guest does with a demo question (a merge names the other question's key). */
export type DemoStep =
  | { name: "approve"; guestId: string }
  | { name: "decline"; reason: string }
  | { name: "answer"; guestId: string; text: string }
  | { name: "mergeInto"; into: string };

export interface DemoQuestion {
  key: string;
  text: string;
  phone?: string;
  /** When it was asked and when each step was taken (instants). */
  at: string;
  steps: { at: string; command: DemoStep }[];
}

export interface DemoInterview {
  id: string;
  plan: InterviewPlan;
  scheduledAt: string;
  questions: DemoQuestion[];
}

const at = (date: string, hour: number) => `${date}T${String(hour).padStart(2, "0")}:00:00+08:00`;
const minutes = (iso: string, m: number) => new Date(Date.parse(iso) + m * 60_000).toISOString();

export function demoInterviews(nowMs: number): DemoInterview[] {
  const today = shanghaiDate(nowMs);
  const pastStart = at(addDays(today, -7), 10);
  const nextStart = at(addDays(today, 3), 15);
  // Minutes after the past session's start; the coming one's questions came in since yesterday.
  const past = (m: number) => minutes(pastStart, m);
  const ago = (hours: number) => new Date(nowMs - hours * 3600_000).toISOString();
  const answer = (m: number, text: string, guestId = "g1") => ({
    at: past(m),
    command: { name: "answer" as const, guestId, text },
  });
  const approve = (m: number, guestId = "g1") => ({ at: past(m), command: { name: "approve" as const, guestId } });
  return [
    {
      id: "demoheating2026",
      scheduledAt: minutes(pastStart, -3 * 24 * 60),
      plan: {
        title: "聚焦冬季供暖与老旧小区改造",
        description:
          "市住建局、市城管局负责同志做客平凉网络问政，就今冬供暖保障、老旧小区改造和背街小巷整治回答网友提问。访谈结束时未答复的问题转为留言，按时限办理。",
        regionCode: "620800",
        guests: [
          { id: "g1", name: "王建国", title: "市住建局副局长", departmentId: "pl-housing" },
          { id: "g2", name: "褚国平", title: "市城管局副局长", departmentId: "pl-urban-management" },
        ],
        startsAt: pastStart,
        endsAt: minutes(pastStart, 90),
      },
      questions: [
        {
          key: "demo-interview-heating-q1",
          text: "柳湖小区暖气一直不热，室温只有十五六度，今年能不能彻底解决？",
          phone: "13893300101",
          at: past(-60),
          steps: [
            approve(2),
            answer(
              8,
              "柳湖小区二次管网老化是主因。供热公司已对该小区换热站加装循环泵，本周内完成管网平衡调试，室温将达到 18℃ 以上，我们会入户回访。",
            ),
          ],
        },
        {
          key: "demo-interview-heating-q2",
          text: "老旧小区改造今年有哪些小区？加装电梯政府补贴多少？",
          at: past(5),
          steps: [
            approve(10),
            answer(
              16,
              "今年全市改造老旧小区 46 个，名单已在市住建局网站公示。加装电梯每台补贴 15 万元，由街道统一受理申请。",
            ),
          ],
        },
        {
          key: "demo-interview-heating-q3",
          text: "老旧小区改造名单在哪里能查到？我们小区有没有？",
          at: past(12),
          steps: [{ at: past(14), command: { name: "mergeInto", into: "demo-interview-heating-q2" } }],
        },
        {
          key: "demo-interview-heating-q4",
          text: "宝塔梁路背街小巷晚上路灯不亮，垃圾也清运不及时，城管能不能管一管？",
          at: past(20),
          steps: [
            approve(24, "g2"),
            answer(31, "已安排环卫和路灯维护单位三天内完成整改，并把宝塔梁路纳入每日巡查。", "g2"),
          ],
        },
        {
          key: "demo-interview-heating-q5",
          text: "供暖费能不能按实际用热量收费？装了计量表为什么还按面积收？",
          at: past(35),
          steps: [approve(38), answer(47, "热计量收费正在试点，今年在崆峒区三个小区先行，明年总结后逐步推开。")],
        },
        {
          key: "demo-interview-heating-q6",
          text: "我们这个帖子里有广告，加微信领补贴，快来看看吧朋友们",
          at: past(40),
          steps: [{ at: past(42), command: { name: "decline", reason: "广告内容，与访谈无关" } }],
        },
        {
          key: "demo-interview-heating-q7",
          text: "城区新建小区的燃气入户费收得太高，有没有收费标准？",
          phone: "13893300107",
          at: past(70),
          steps: [approve(75)],
        },
      ],
    },
    {
      id: "demohealth2026",
      scheduledAt: ago(30),
      plan: {
        title: "家门口看病：基层医疗与医保报销",
        description: "市卫健委负责同志将在线介绍基层医疗服务和医保报销的新做法，现在即可提问。",
        regionCode: "620800",
        guests: [{ id: "g1", name: "郑慧敏", title: "市卫健委副主任", departmentId: "pl-health" }],
        startsAt: nextStart,
        endsAt: minutes(nextStart, 90),
      },
      questions: [
        {
          key: "demo-interview-health-q1",
          text: "乡镇卫生院能不能开通异地医保直接结算？",
          at: ago(20),
          steps: [{ at: ago(18), command: { name: "approve", guestId: "g1" } }],
        },
        { key: "demo-interview-health-q2", text: "家庭医生签约以后具体有哪些服务？收费吗？", at: ago(6), steps: [] },
      ],
    },
  ];
}
