/**
 * What a reply's case-specific text commits to: a result (what was found or done, or the answer to
 * a question), a measure (what will be done, or the rule and the way that decide the case), a named
 * responsible unit, a time. Read from the substance (template.ts), so "已转有关部门", a signature date
 * or the signing office do not count: those are on every reply, answered or not.
 */

export const OUTCOME_KINDS = ["result", "measure", "unit", "time"] as const;
export type OutcomeKind = (typeof OUTCOME_KINDS)[number];

const CUES: Record<Exclude<OutcomeKind, "unit">, RegExp> = {
  // Done, found on inspection, or the answer: 已修复, 经现场核查, 情况属实, 未发现, 尚未出台, 均可受理.
  result:
    /已(经)?[^，。]{0,8}?(完成|修复|修好|整改|解决|拆除|清理|清运|恢复|安装|开通|办结|落实|查处|立案|罚款|处罚|下达|约谈|纳入|列入|启动|开工|竣工|验收|撤销|停止|更换|维修|补发|发放|退还|调整|协调|取缔|关停|封堵|疏通|建成|通车|到位|批复|审批|受理|登记|录取|安置|补缴|兑现|支付|追回|责令|通知|告知|回访)|经(过)?(调查|核实|核查|查实|查明|查|了解|现场|检测|测试|踏勘|勘察|研究|协调)|(不)?属实|未发现|不存在|(不)?符合|(暂|尚|还)?(未|没有)(出台|实行|实施|开通|纳入|列入|收到)|目前没有|暂无|(可以|可|需要|需|应当|须|必须|只能|不能|不得|无需|不需要|均可)[^，。]{0,8}?(办理|申请|受理|领取|报名|登记|安置|提出|缴纳|携带|提供|选择|参加|享受|申报|报销|转入|迁移|迁入)|即可/,
  // To be done, or the rule that answers the question: 将于, 计划, 正在, 责令, 《…条例》, 按照…规定, 请到….
  measure:
    /将(于|在|会同|加快|进一步督促|督促|组织|安排|对|把)|计划|拟|正在|预计|争取|下一步|责令|督促|约谈|整改|制定|出台|开展|实施|推进|列入|纳入|《[^》]{2,40}》|(按照|根据|依据)[^，。]{0,30}(规定|办法|条例|政策|文件|通知|标准|原则)|(可|请|建议)(您|你)?(到|向|携带|持|凭|前往|登录|直接)/,
  // A date or a deadline in the text (the signature date is template and never reaches here).
  time: /\d{4}年|\d{1,2}月(\d{1,2}日|底|初|上旬|中旬|下旬|份)?|\d{1,2}日(前|内|起|之前)|本周|下周|本月|下月|今年|明年|年底|年内|月底|近日|近期|\d+\s*个?(工作)?(日|天|周|月)(内|之内)/,
};

// A unit by its own name (市住建局, 桂花坪街道, 银盆岭派出所), never "我局" or "有关部门".
const UNIT =
  /[\u3400-\u9fffa-z0-9]{1,12}?(局|委员会|办公室|办事处|管委会|居委会|村委会|厅|中心|公司|街道|派出所|大队|支队|中队|政府|法院|检察院|医院|学院|学校|协会|社区|集团)/g;
const NOT_NAMED = /([我本贵该各此其]|相关|有关|主管|职能|上级|责任)$/;

function namesUnit(text: string): boolean {
  for (const m of text.matchAll(UNIT)) {
    const name = m[0].slice(0, m[0].length - (m[1]?.length ?? 0));
    if (!NOT_NAMED.test(name)) return true;
  }
  return false;
}

/**
 * The kinds of outcome a reply states, in OUTCOME_KINDS order. Results, measures and times count
 * only in its substance; a unit counts anywhere but the thanks and the signature, because "已转市
 * 住建局" names who is now responsible even when it says nothing else.
 */
export function outcomeKinds(substance: string, body: string): OutcomeKind[] {
  return OUTCOME_KINDS.filter((k) => (k === "unit" ? namesUnit(body) : CUES[k].test(substance)));
}
