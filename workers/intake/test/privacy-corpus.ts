import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { caseRecordStub } from "../../../shared/case-record/client";
import { periodOf } from "../../../shared/clocks/period";
import { rebuildUnitSums } from "../../../shared/db/rollup-queries";
import type { Actor, CaseState } from "../../../shared/domain/case-model";
import type { CaseCommand } from "../../../shared/domain/commands";
import { isBankCard } from "../../../shared/routing/mask";
import { uniqueKey, waitFor } from "./fixtures";

// A corpus of messages that carry personal data the way citizens type it — mobiles, landlines,
// resident IDs (valid check digit), bank cards (valid Luhn), e-mails, house-level addresses — in the
// title, the body and even the department's reply, beside the petitioner's own name, phone and
// e-mail; privacy.routes.test.ts checks where it may and may not show.

const office: Actor = { role: "dispatcher", userId: "privacy-dispatcher", departmentId: "pl-office" };
const DEPARTMENTS = ["pl-housing", "pl-transport", "kongtong", "pl-health"];
const SURNAMES = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许";
const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** An 18-character resident ID with the GB 11643 check character. */
function residentId(region: string, birth: string, seq: number): string {
  const body = `${region}${birth}${pad(seq, 3)}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((s, w, i) => s + w * Number(body.charAt(i)), 0);
  return body + "10X98765432".charAt(sum % 11);
}

/** A bank card number with its Luhn check digit. */
function bankCard(prefix: string): string {
  for (let d = 0; d <= 9; d++) if (isBankCard(prefix + d)) return prefix + d;
  throw new Error("no Luhn digit");
}

export interface Pii {
  mobile: string;
  mobileTyped: string; // as written in the text: with spaces or dashes in some messages
  landline: string;
  residentId: string;
  card: string;
  cardTyped: string;
  email: string;
  street: string; // 路 / 街 + house number
  flat: string; // 号楼 / 单元 / 室
  name: string;
  ownPhone: string;
  ownEmail: string;
}

function piiOf(k: number): Pii {
  const mobile = `1${[3, 5, 7, 8, 9][k % 5]}${pad(31_415_926 + k * 1_234_567, 9).slice(-9)}`;
  const card = bankCard(`6222${pad(20_004_017 + k * 97_531, 11)}`);
  return {
    mobile,
    mobileTyped:
      k % 3 === 0
        ? mobile
        : k % 3 === 1
          ? `${mobile.slice(0, 3)}-${mobile.slice(3, 7)}-${mobile.slice(7)}`
          : `${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`,
    landline: `0933-${8_212_345 + k * 111}`,
    residentId: residentId(
      ["620802", "620821", "620822", "620823"][k % 4] ?? "620802",
      `19${70 + k}0${(k % 9) + 1}1${k % 10}`,
      100 + k * 7,
    ),
    card,
    cardTyped: k % 2 === 0 ? card : card.replace(/(\d{4})(?=\d)/g, "$1 "),
    email: `resident.${k}_zhang@example${k}.cn`,
    street: `${["新民路", "崆峒大道", "柳湖街", "西大街"][k % 4]}${12 + k}号`,
    flat: `${k + 1}号楼${(k % 6) + 1}单元${301 + k}室`,
    name: `${SURNAMES.charAt(k)}晓${"明红华军"[k % 4]}`,
    ownPhone: `13${pad(600_000_000 + k * 7_654_321, 9).slice(-9)}`,
    ownEmail: `own.${k}@mail${k}.example.com`,
  };
}

export interface Made {
  k: number;
  pii: Pii;
  isPublic: boolean;
  title: string;
  body: string;
  reply: string;
  trackingNo: string;
  queryCode: string;
}

// Numbers stand alone: a run inside a hash or a tracking number (letters and digits) is not one.
const PATTERNS: [string, RegExp][] = [
  ["mobile", /(?<![\dA-Za-z*])1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?![\dA-Za-z])/],
  ["landline", /(?<![\dA-Za-z])0\d{2,3}-?\d{7,8}(?![\dA-Za-z])/],
  ["resident ID", /(?<![\dA-Za-z])\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])\d{2}\d{3}[\dXx](?![\dA-Za-z])/],
  ["bank card", /(?<![\dA-Za-z])\d{4}[\s-]?\d{4}[\s-]?\d{4}[\s-]?\d{4}(?:[\s-]?\d{1,3})?(?![\dA-Za-z])/],
  ["e-mail", /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/],
  ["house number", /(?:路|街|道|巷)\s*\d+\s*号(?!楼)/],
  ["flat", /\d+\s*(?:号楼|单元|室)/],
];

/** The personal data of `m`, in every form it was typed or stored in. */
function secretsOf(m: Made): string[] {
  const p = m.pii;
  return [
    p.mobile,
    p.mobileTyped,
    p.landline,
    p.residentId,
    p.residentId.slice(6, 14),
    p.card,
    p.cardTyped,
    p.email,
    p.street,
    p.flat,
    p.name,
    p.ownPhone,
    p.ownEmail,
  ];
}

export function expectNoPersonalData(text: string, where: string, corpus: Made[]) {
  for (const m of corpus)
    for (const secret of secretsOf(m)) expect(text, `${where} shows ${secret}`).not.toContain(secret);
  for (const [what, pattern] of PATTERNS) expect(pattern.exec(text)?.[0], `${where}: a ${what}`).toBeUndefined();
}

async function run(caseId: string, actor: Actor, command: CaseCommand) {
  const r = await caseRecordStub(env, caseId).execute({ idempotencyKey: uniqueKey("privacy"), actor, command });
  if (!r.ok) throw new Error(`${command.name}: ${r.error.code}`);
}

async function make(k: number): Promise<Made> {
  const pii = piiOf(k);
  const department = DEPARTMENTS[k % DEPARTMENTS.length] ?? "pl-housing";
  const isPublic = k % 5 !== 4;
  const title =
    [
      `${pii.street}路灯不亮 联系${pii.mobileTyped}`,
      `身份证${pii.residentId}办理社保卡`,
      `退款请打到卡号${pii.cardTyped}`,
      `座机${pii.landline}反映噪音`,
      `邮箱${pii.email}请回复`,
    ][k % 5] ?? "";
  const body =
    `我住在${pii.street}${pii.flat}。手机${pii.mobileTyped}，家里电话${pii.landline}，` +
    `身份证号 ${pii.residentId}，工资卡 ${pii.cardTyped}，邮箱 ${pii.email}。小区问题反映多次没有解决，请尽快处理。`;
  const reply = `已与您（${pii.mobileTyped}）电话联系，工作人员已到${pii.street}现场查看，问题已解决。`;
  const caseId = uniqueKey("privacy");
  const submitted = await caseRecordStub(env, caseId).submit({
    caseId,
    channel: "api",
    idempotencyKey: caseId,
    submission: {
      type: "complaint",
      title,
      body,
      regionCode: "620802",
      isPublic,
      name: pii.name,
      phone: pii.ownPhone,
      email: pii.ownEmail,
      address: `${pii.street}${pii.flat}`,
    },
  });
  if (!submitted.ok) throw new Error(submitted.error.code);
  const handler: Actor = { role: "handler", userId: `privacy-h-${k}`, departmentId: department };
  await run(caseId, office, { name: "accept" });
  await run(caseId, office, { name: "assign", departmentId: department, coDepartmentIds: [] });
  await run(caseId, handler, { name: "acknowledge" });
  if (k % 4 !== 3) {
    await run(caseId, handler, { name: "draftReply", text: reply, outcome: "resolved" });
    const draftedAt = ((await caseRecordStub(env, caseId).read()) as CaseState | null)?.draft?.draftedAt ?? "";
    await run(
      caseId,
      { role: "spokesperson", userId: `privacy-s-${k}`, departmentId: department },
      { name: "publishReply", spokesperson: { name: "王建国", title: "网络发言人" }, draftedAt },
    );
  }
  const status = k % 4 !== 3 ? "replied" : "acknowledged";
  await waitFor(
    () => env.DB.prepare("SELECT 1 AS ok FROM cases WHERE case_id = ? AND status = ?").bind(caseId, status).first(),
    15_000,
  );
  return {
    k,
    pii,
    isPublic,
    title,
    body,
    reply,
    trackingNo: submitted.value.trackingNo,
    queryCode: submitted.value.queryCode,
  };
}

/** Twenty cases made from the corpus (five at a time), and this month's figures for their departments. */
export async function makeCorpus(): Promise<Made[]> {
  const made: Made[] = [];
  for (let k = 0; k < 20; k += 5) made.push(...(await Promise.all([0, 1, 2, 3, 4].map((d) => make(k + d)))));
  // The corpus's departments get this month's figures, so the rankings have rows to show.
  const period = periodOf(new Date().toISOString());
  const insert = env.DB.prepare(
    "INSERT INTO rollup_counts (period, department_id, region_code, category, counter, n) VALUES (?, ?, '620802', 'urban_rural', ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n",
  );
  await env.DB.batch(
    DEPARTMENTS.flatMap((d) => [
      insert.bind(period, d, "assigned", 5),
      insert.bind(period, d, "acknowledgedOnTime", 5),
      insert.bind(period, d, "repliedOnTime", 3),
    ]),
  );
  await rebuildUnitSums(env.DB);
  return made;
}
