import { env, exports } from "cloudflare:workers";
import { rebuildUnitSums } from "../../../shared/db/rollup-queries";
import type { Counters } from "../../../shared/scoring/counters";

const BASE = "http://evaluation.test";
export const get = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  exports.default.fetch(`${BASE}${path}`, { method, headers, redirect: "manual" });

// A department whose name tests CSV quoting, formula defusing and the JSON block's escaping at once.
export const ODD = { id: "test-odd", name: '=测试</script>,"引号"局' };
// What a citizen typed and left beside the case: none of it may reach the report.
export const PII = {
  title: "新民路路灯修好了，联系我13912345678",
  name: "王小明",
  phone: "13987654321",
  email: "wang.xiaoming@example.com",
};

type Cell = [period: string, department: string, region: string, counters: Partial<Counters>];

const CELLS: Cell[] = [
  // March 2026: a big good department, a middling one, a one-case unit with a perfect record, the odd one.
  [
    "2026-03",
    "pl-housing",
    "620802",
    {
      assigned: 40,
      acknowledgedOnTime: 36,
      acknowledgedLate: 4,
      replied: 35,
      repliedOnTime: 30,
      replyOverdue: 5,
      rated: 30,
      solved: 24,
      satisfied: 20,
      basicallySatisfied: 5,
      dissatisfied: 5,
      closed: 30,
      unrated: 3,
      replyChecked: 35,
      replyBoilerplate: 7,
    },
  ],
  [
    "2026-03",
    "pl-hrss",
    "620821",
    {
      assigned: 20,
      acknowledgedOnTime: 15,
      replied: 18,
      repliedOnTime: 12,
      replyOverdue: 6,
      rated: 15,
      solved: 8,
      satisfied: 6,
      basicallySatisfied: 3,
      dissatisfied: 6,
      closed: 15,
      noticed: 2,
      replyChecked: 18,
      replyBoilerplate: 9,
    },
  ],
  [
    "2026-03",
    "pl-education",
    "620822",
    { assigned: 1, acknowledgedOnTime: 1, replied: 1, repliedOnTime: 1, rated: 1, solved: 1, satisfied: 1, closed: 1 },
  ],
  [
    "2026-03",
    ODD.id,
    "620802",
    {
      assigned: 12,
      acknowledgedOnTime: 10,
      replied: 10,
      repliedOnTime: 9,
      replyOverdue: 1,
      rated: 8,
      solved: 5,
      satisfied: 6,
      dissatisfied: 2,
      replyChecked: 10,
    },
  ],
  ["2026-03", "", "620800", { received: 75 }],
  [
    "2026-02",
    "pl-housing",
    "620802",
    {
      received: 20,
      assigned: 20,
      acknowledgedOnTime: 20,
      replied: 18,
      repliedOnTime: 18,
      rated: 10,
      solved: 9,
      satisfied: 9,
      dissatisfied: 1,
    },
  ],
  ["2026-04", "pl-housing", "620802", { received: 3, assigned: 3 }],
];

async function insertCells() {
  const insert = env.DB.prepare(
    "INSERT INTO rollup_counts (period, department_id, region_code, category, counter, n) VALUES (?, ?, ?, 'urban_rural', ?, ?)",
  );
  await env.DB.batch(
    CELLS.flatMap(([p, d, r, counters]) =>
      Object.entries(counters).map(([counter, n]) => insert.bind(p, d, r, counter, n)),
    ),
  );
  await rebuildUnitSums(env.DB);
}

async function insertPanel() {
  await env.DB.batch([
    env.DB.prepare("INSERT INTO evaluator_groups (id, name, weight) VALUES ('test-npc', '人大代表', 1)"),
    env.DB.prepare("INSERT INTO evaluator_members (user_id, group_id) VALUES ('test-deputy', 'test-npc')"),
    env.DB.prepare(
      "INSERT INTO panel_scores (period, department_id, user_id, leadership, rules, feedback, acceptance, updated_at) VALUES ('2026-03', 'pl-hrss', 'test-deputy', 90, 80, 70, 60, '2026-03-31T00:00:00.000Z')",
    ),
  ]);
}

interface TestCase {
  id: string;
  title: string;
  status: string;
  isPublic: boolean;
  rating: string;
  resolution: string;
  ratedAt: string;
}

async function insertRatedCase(c: TestCase) {
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO cases (case_id, tracking_no, type, status, title, body, region_code, channel, is_public, department_id, petitioner_name, petitioner_phone,
         petitioner_email, query_code_hash, receipt_hash, submitted_at, rating, last_seq, updated_at)
       VALUES (?, ?, 'complaint', ?, ?, '正文', '620802', 'api', ?, 'pl-housing', ?, ?, ?, 'qh', 'rh', '2026-03-01T00:00:00.000Z', ?, 8, ?)`,
    ).bind(
      c.id,
      `TRK${c.id}`.toUpperCase().padEnd(12, "X"),
      c.status,
      c.title,
      c.isPublic ? 1 : 0,
      PII.name,
      PII.phone,
      PII.email,
      c.rating,
      c.ratedAt,
    ),
    env.DB.prepare(
      "INSERT INTO case_events (event_id, case_id, seq, type, actor_role, at, payload, prev_hash, hash) VALUES (?, ?, 8, 'case.rated', 'citizen', ?, ?, 'p', 'h')",
    ).bind(`${c.id}-rated`, c.id, c.ratedAt, JSON.stringify({ rating: c.rating, resolution: c.resolution })),
  ]);
}

const CASES: TestCase[] = [
  {
    id: "best1",
    title: PII.title,
    status: "closed",
    isPublic: true,
    rating: "satisfied",
    resolution: "solved",
    ratedAt: "2026-03-10T02:00:00.000Z",
  },
  {
    id: "worst1",
    title: "夜间施工噪音扰民",
    status: "reopened",
    isPublic: true,
    rating: "dissatisfied",
    resolution: "not_solved",
    ratedAt: "2026-03-12T02:00:00.000Z",
  },
  {
    id: "private1",
    title: "不公开的留言标题",
    status: "closed",
    isPublic: false,
    rating: "satisfied",
    resolution: "solved",
    ratedAt: "2026-03-11T02:00:00.000Z",
  },
  {
    id: "merged1",
    title: "已合并的留言标题",
    status: "merged",
    isPublic: true,
    rating: "dissatisfied",
    resolution: "not_solved",
    ratedAt: "2026-03-11T03:00:00.000Z",
  },
  {
    id: "april1",
    title: "四月评价的留言",
    status: "closed",
    isPublic: true,
    rating: "satisfied",
    resolution: "solved",
    ratedAt: "2026-03-31T16:30:00.000Z",
  }, // 1 April in Beijing
];

/** The demo city plus March 2026's rollups, panel scores, rated cases and 通报 records that the report tests read. */
export async function seedReportMonth() {
  await env.DB.prepare("INSERT INTO departments (id, name, kind, region_code) VALUES (?, ?, 'municipal', '620800')")
    .bind(ODD.id, ODD.name)
    .run();
  await insertCells();
  await insertPanel();
  for (const c of CASES) await insertRatedCase(c);
  const notice = env.DB.prepare(
    "INSERT INTO accountability_records (id, case_id, tracking_no, department_id, stage, kind, due_at, recorded_at) VALUES (?, ?, 'TNOTICE', ?, 'reply', 'notice', '2026-03-01T00:00:00.000Z', ?)",
  );
  await env.DB.batch([
    notice.bind("n1", "c-n1", "pl-hrss", "2026-03-15T02:00:00.000Z"),
    notice.bind("n2", "c-n2", "pl-hrss", "2026-03-20T02:00:00.000Z"),
    notice.bind("n3", "c-n3", null, "2026-03-21T02:00:00.000Z"),
    notice.bind("n4", "c-n4", "pl-housing", "2026-02-20T02:00:00.000Z"), // February: not this month's
  ]);
}
