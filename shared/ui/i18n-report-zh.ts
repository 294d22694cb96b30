/**
 * The monthly report's own words in zh-CN (月度评议报告): the page, its ranking tables, its method
 * section. The reference table: the English one (i18n-report-en.ts) must match its shape.
 */
export const REPORT_ZH = {
  title: (month: string) => `${month}月度评议报告`,
  heading: (month: string) => `平凉市网络问政月度评议报告 · ${month}`,
  navLabel: "月份与下载",
  prev: (month: string) => `← 上一期（${month}）`,
  next: (month: string) => `下一期（${month}）→`,
  downloads: "下载排名：",
  csvDepartments: "部门 CSV",
  csvCounties: "县区 CSV",
  jsonDepartments: "部门 JSON",
  jsonCounties: "县区 JSON",
  headlineTitle: "本月概况",
  noData: (month: string) => `${month}暂无统计数据。`,
  departmentsTitle: "部门排名",
  countiesTitle: "县（市、区）排名",
  trendTitle: "近 12 个月走势",
  repliesTitle: "本月好评与差评答复",
  repliesHint: "公开留言中本月评价为“满意且已解决”与“不满意”的答复，各列最近几件；标题中的个人信息已遮盖。",
  bestCaption: "好评答复（满意、已解决）",
  worstCaption: "差评答复（不满意）",
  noticesTitle: "本月通报",
  allNotices: "查看全部通报",
  noReportTitle: "月度评议报告",
  noReportHeading: "没有这一期报告",
  noReportHint: "月份格式应为 YYYY-MM，例如 /reports/2026-03。",
  latest: "查看最新一期",

  // Sections
  received: "受理留言",
  replied: "答复",
  pieces: "件",
  trendCaption: "近 12 个月全市情况",
  colMonth: "月份",
  colReceived: "受理",
  colReplied: "答复",
  noneThisMonth: (caption: string) => `${caption}：本月没有。`,
  colCase: "留言编号",
  colTitle: "标题",
  colDepartment: "承办单位",
  colRating: "评价",
  colStatus: "当前状态",
  colRatedAt: "评价时间",
  ratingSeparator: "，",
  noNotices: "本月没有发出通报。",
  noticesCaption: (n: number) => `本月通报 ${n} 件（逾期五个工作日仍未办理）`,
  colNotices: "通报件数",
  dispatchStage: "分办环节",

  // Ranking tables
  kinds: { department: "部门", county: "县（市、区）" },
  colRank: "排名",
  colUnit: "单位",
  colAssigned: "交办件数",
  colPanel: "评议得分",
  colScore: "综合得分",
  noneRanked: (minSample: number, kind: string) => `本月没有达到样本下限（交办 ${minSample} 件）的${kind}。`,
  rankingCaption: (kind: string) => `${kind}排名（按综合得分，百分比下方的 n 为该指标的分母件数）`,
  unrankedTitle: "样本不足，不参与排名",
  unrankedHint: (minSample: number, kind: string) =>
    `交办件数少于 ${minSample} 件（或本月没有可计算的指标）的${kind}照常公布数据，但不排名：几件案件的满分说明不了问题。`,

  // How the score is computed
  methodTitle: "综合得分如何计算",
  methodIntro: "表中的百分比都是本月的原始比率，n 是该指标的分母件数；各项指标按以下公式从本月的统计数据算出。",
  methodCaption: "指标、计算公式与权重",
  colIndicator: "指标",
  colFormula: "计算公式",
  colWeight: "权重",
  colDirection: "方向",
  colMean: "本月部门平均",
  notCounted: "不计入",
  higherIsBetter: "越高越好",
  lowerIsBetter: "越低越好",
  minSampleLabel: "样本下限：",
  minSampleText: (n: number) => `本月交办件数少于 ${n} 件的单位照常公布数据，但不参与排名。`,
  priorLabel: (m: number) => `小样本修正（先验强度 m = ${m}）：`,
  priorText: (m: number) =>
    `每个单位的比率都按“本单位的案件再加上 ${m} 件全市平均水平的案件”来算，案件少的单位更接近平均，案件多的单位主要看自己的实际表现。`,
  priorFormula: (m: number) => `修正后比率 = (本单位达标件数 + ${m} × 全市平均比率) ÷ (本单位件数 + ${m})`,
  objectiveLabel: "客观得分",
  objectiveText:
    " = 100 × Σ(权重 × 修正后比率) ÷ Σ权重；越低越好的指标按 (1 − 修正后比率) 计入。本月没有任何单位有数据的指标不计入，其余指标的权重按比例放大。",
  compositeLabel: "综合得分",
  compositeText: (panel: number) =>
    ` = ${100 - panel}% × 客观得分 + ${panel}% × 评议得分。评议得分是评议员（人大代表、政协委员、专家、媒体和群众代表等）按“领导是否有力、制度是否健全、反馈是否及时、结果是否认可”四项给部门的打分（0–100），按评议组权重加权平均；没有评议得分的单位（含各县、市、区）只看客观得分。`,
  ties: "得分相同（保留一位小数后）的单位并列同一名次。",
};

export type ReportDict = typeof REPORT_ZH;
