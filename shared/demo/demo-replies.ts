import type { Outcome } from "../domain/case-model";

/**
 * Reply fragments for the demo's living year, where a message's own answer is not known: an
 * opening that names the problem, what the department did (by its line of work), and a close.
 * Assembled replies differ from one another in what was done and by whom, as real ones do; they
 * are demo text, never shown as anyone's real answer.
 */
const OPENINGS = [
  "您好！您反映的“{title}”问题已收悉。",
  "感谢您对{dept}工作的关心和支持。关于您反映的“{title}”，",
  "您好，关于“{title}”一事，",
];

const ACTIONS: Record<string, string[]> = {
  housing: [
    "我局已会同属地街道和物业公司现场查看，责成物业公司于五个工作日内完成维修，并将该小区纳入日常巡查。",
    "经核实，该项目已列入今年老旧小区改造计划，施工单位将于下月进场，工期约三个月。",
    "我局已约谈开发企业，要求其按合同约定办理交房和不动产登记手续，并将持续跟踪办理进度。",
  ],
  labor: [
    "劳动保障监察大队已立案调查，督促用人单位限期足额支付拖欠工资，并对其违法行为依法处理。",
    "灵活就业人员可按当地上年度社会平均工资的60%至300%自主选择缴费档次，可通过“甘肃人社”APP或社保经办窗口办理。",
    "经调查，该单位已与相关职工补签劳动合同，并补缴了社会保险费。",
  ],
  education: [
    "我局已责成学校立即停止收取相关费用，并对已收取的费用全部清退，同时在全市开展规范收费专项检查。",
    "经核实，今年秋季学期招生将按学区划分就近入学，具体方案将于七月在教育局网站公布。",
  ],
  culture: [
    "我局已联合市场监管部门对相关景区开展检查，责令其规范明码标价，并加强旅游旺季秩序管理。",
    "您的建议很好，我局已将其纳入明年全民健身设施建设计划统筹考虑。",
  ],
  ecology: [
    "执法人员已赶赴现场检查，对该企业超标排放行为立案查处，责令停产整治，整改完成前不得恢复生产。",
    "经监测，该区域近期空气质量总体达标，我局将加大夜间巡查和执法力度。",
  ],
  health: [
    "经核实，异地就医备案可通过国家医保服务平台APP线上办理，备案后可在就医地直接结算。",
    "我委已责成该医院进行整改，优化挂号流程，并对相关工作人员进行了批评教育。",
  ],
  transport: [
    "我局已安排养护单位对该路段坑洼进行修补，计划本周内完成，并设置了临时警示标志。",
    "经与公交公司研究，已调整该线路发车间隔，早晚高峰时段加密班次。",
  ],
  market: [
    "市场监管执法人员已对该商户进行检查，对其价格违法行为依法立案查处，并督促其向消费者退还多收款项。",
    "经抽检，该批次食品不合格，已责令下架并依法处理，相关检测结果将向社会公布。",
  ],
  urban: [
    "城管执法人员已对该处占道经营和乱搭乱建进行整治，并将其列为重点巡查区域。",
    "我局已安排环卫部门增加该区域垃圾清运频次，并增设分类垃圾桶。",
  ],
  county: [
    "我县（区）已责成相关乡镇和职能部门联合调查处理，目前问题已基本解决，后续将加强监管。",
    "经核实，该事项属于今年民生实事项目，已落实资金，预计年底前完工。",
  ],
  office: ["您的来信已转交相关职能部门办理，办理结果将通过本平台向您反馈。"],
};

const CLOSINGS = [
  "感谢您的监督和支持。",
  "如有疑问，欢迎继续通过本平台与我们联系。",
  "欢迎您继续对我们的工作提出宝贵意见。",
];

/** A department's line of work, for picking what it would have done. */
export function lineOfWork(departmentId: string): keyof typeof ACTIONS {
  const lines: Record<string, keyof typeof ACTIONS> = {
    "pl-housing": "housing",
    "pl-hrss": "labor",
    "pl-education": "education",
    "pl-culture-tourism": "culture",
    "pl-commerce": "market",
    "pl-ecology": "ecology",
    "pl-health": "health",
    "pl-transport": "transport",
    "pl-market": "market",
    "pl-urban-management": "urban",
  };
  return lines[departmentId] ?? (departmentId.startsWith("pl-") ? "office" : "county");
}

/** An assembled reply and the outcome it reports. */
export function assembledReply(
  title: string,
  departmentId: string,
  departmentName: string,
  rand: () => number,
): { text: string; outcome: Outcome } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;
  const actions = ACTIONS[lineOfWork(departmentId)] ?? ACTIONS.office ?? [];
  const opening = pick(OPENINGS).replace("{title}", title).replace("{dept}", departmentName);
  const text = `${opening}${pick(actions)}${pick(CLOSINGS)}`;
  return { text, outcome: rand() < 0.65 ? "resolved" : "explained" };
}
