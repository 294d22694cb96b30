import type { Actor, CaseStatus } from "../domain/case-model";
import type { CaseCommand } from "../domain/commands";
import type { CaseSubmission } from "../domain/submission.schema";
import { seededRandom } from "../seeded-random";
import { CATEGORIES, COUNTY_DEPARTMENT_BY_REGION, DEMO_CATEGORY_DEPARTMENT, DEPARTMENTS, REGIONS } from "./demo-city";
import { PLACES, TEMPLATES } from "./demo-texts";

export const DEMO_CASE_COUNT = 300;

/** How many demo cases end in each state: every state of DESIGN.md §2 is on show. */
const STATE_MIX: [CaseStatus, number][] = [
  ["submitted", 18],
  ["held", 8],
  ["rejected", 10],
  ["accepted", 12],
  ["assigned", 40],
  ["acknowledged", 45],
  ["returned", 8],
  ["replied", 50],
  ["reopened", 7],
  ["closed", 92],
  ["merged", 10],
];

export interface DemoStep {
  key: string;
  actor: Actor;
  command: CaseCommand;
  at: string;
}

export interface DemoCase {
  key: string;
  submission: CaseSubmission;
  submittedAt: string;
  steps: DemoStep[];
  /** Merged cases name the demo case they duplicate; the seed resolves its tracking number. */
  mergeIntoIndex: number | null;
}

function statusFor(index: number): CaseStatus {
  let i = index % DEMO_CASE_COUNT;
  for (const [status, n] of STATE_MIX) {
    if (i < n) return status;
    i -= n;
  }
  return "closed";
}

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** The demo case number `index`, deterministic for a given `nowMs` day, so re-seeding replays. */
export function demoCase(index: number, nowMs: number): DemoCase {
  const rand = seededRandom(index * 7919 + 17);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const status = statusFor(index);
  const category = pick(CATEGORIES).code;
  const region = pick(REGIONS);
  const template = pick(TEMPLATES[category]);
  const place = pick(PLACES[region.code] ?? ["城区"]);
  const open = ["submitted", "held", "accepted", "assigned", "acknowledged", "returned"].includes(status);
  const ageDays = open ? 1 + Math.floor(rand() * 12) : 20 + Math.floor(rand() * 70);
  const dayStart = Math.floor(nowMs / DAY) * DAY;
  const submitted = dayStart - ageDays * DAY + (1 + Math.floor(rand() * 11)) * HOUR; // 09:00–19:00 Beijing
  const phoneTail = String(10_000_000 + index * 7 + 1).slice(-8);
  const submission: CaseSubmission = {
    type: template.type,
    title: template.title.replaceAll("{place}", place),
    body: template.body.replaceAll("{place}", place),
    regionCode: region.code,
    category: rand() < 0.8 ? category : undefined,
    name: rand() < 0.6 ? `${pick(["王", "李", "张", "刘", "陈", "杨"])}先生` : undefined,
    phone: `13${Math.floor(rand() * 10)}${phoneTail}`,
    isPublic: rand() < 0.85,
    ...(rand() < 0.08 ? { addressee: pick(["mayor", "secretary"]) } : {}),
  };

  const department =
    region.code !== "620800" && rand() < 0.4
      ? (COUNTY_DEPARTMENT_BY_REGION[region.code] ?? DEMO_CATEGORY_DEPARTMENT[category])
      : DEMO_CATEGORY_DEPARTMENT[category];
  const dept = DEPARTMENTS.find((d) => d.id === department);
  const dispatcher: Actor = { role: "dispatcher", userId: "demo-dispatcher", departmentId: "pl-office" };
  const handler: Actor = { role: "handler", userId: `${department}-handler`, departmentId: department };
  const spokesperson: Actor = { role: "spokesperson", userId: `${department}-spokesperson`, departmentId: department };
  const citizen: Actor = { role: "citizen" };
  const steps: DemoStep[] = [];
  let t = submitted;
  const step = (actor: Actor, command: CaseCommand, afterHours: number) => {
    t += afterHours * HOUR;
    steps.push({ key: `demo-${index}-${steps.length + 1}`, actor, command, at: new Date(t).toISOString() });
  };
  const path: Record<CaseStatus, () => void> = {
    submitted: () => {},
    held: () => step(dispatcher, { name: "hold", reason: "内容涉及他人隐私，需核实后处理" }, 2),
    rejected: () => step(dispatcher, { name: "reject", reason: "反映事项已进入司法程序，不属于网络问政受理范围" }, 3),
    accepted: () => step(dispatcher, { name: "accept" }, 2),
    assigned: () => {
      path.accepted();
      step(dispatcher, { name: "assign", departmentId: department, coDepartmentIds: [] }, 2);
    },
    acknowledged: () => {
      path.assigned();
      step(handler, { name: "acknowledge" }, 6);
    },
    returned: () => {
      path.assigned();
      step(handler, { name: "returnCase", reason: "该事项属地管理，建议交由所在县区办理" }, 8);
    },
    replied: () => {
      path.acknowledged();
      step(
        handler,
        {
          name: "draftReply",
          text: `您反映的“${submission.title}”问题已收悉。经核实，我单位已安排专人现场调查，并督促责任单位限期整改，整改结果将及时向您反馈。感谢您对我们工作的监督和支持。`,
          outcome: rand() < 0.7 ? "resolved" : "explained",
        },
        30,
      );
      const draftedAt = steps.at(-1)?.at ?? new Date(t).toISOString();
      step(
        spokesperson,
        {
          name: "publishReply",
          spokesperson: dept?.spokesperson ?? { name: "值班发言人", title: "网络发言人" },
          draftedAt,
        },
        20,
      );
    },
    reopened: () => {
      path.replied();
      step(citizen, { name: "rate", resolution: "not_solved", rating: "dissatisfied", comment: "问题没有解决" }, 24);
      step(citizen, { name: "reopen", reason: "答复后问题依旧存在，申请重办" }, 1);
    },
    closed: () => {
      path.replied();
      if (rand() < 0.7) {
        const pleased = rand() < 0.8;
        step(
          citizen,
          {
            name: "rate",
            resolution: pleased ? "solved" : "partly_solved",
            rating: pleased ? "satisfied" : "basically_satisfied",
          },
          30,
        );
      }
      step(dispatcher, { name: "close" }, 24 * 8); // after the 7-day rating window
    },
    merged: () => step(dispatcher, { name: "merge", intoTrackingNo: "resolved-at-seed-time" }, 3),
  };
  path[status]();
  return {
    key: `demo-${index}`,
    submission,
    submittedAt: new Date(submitted).toISOString(),
    steps,
    mergeIntoIndex: status === "merged" ? Math.max(0, index - 60) : null,
  };
}
