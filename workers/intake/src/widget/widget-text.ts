/**
 * Everything the widget says, zh-CN first with the English table beside it. The script widget gets
 * this as JSON (its client code cannot import), the iframe page renders it on the server.
 */
export const WIDGET_TEXT = {
  zh: {
    brand: "平凉网络问政",
    title: "留言办理进度",
    trackingNo: "留言编号",
    status: "办理状态",
    department: "承办单位",
    noDepartment: "待交办",
    dueAt: "答复期限",
    noDueAt: "交办后计算",
    due: { on_time: "按期办理中", due_soon: "即将到期", overdue: "已超期" },
    reply: "答复",
    spokesperson: "网络发言人",
    rating: "群众评价",
    supporters: "附议人数",
    details: "查看详情",
    loading: "正在加载办理进度…",
    notFound: "没有找到这条留言，请核对留言编号。",
    failed: "暂时无法获取办理进度，稍后自动重试。",
    timeZone: "",
    open: "（",
    close: "）",
    colon: "：",
    // The scoreboard (月度评议) mode.
    sbTitle: "月度评议",
    sbLoading: "正在加载评议数据…",
    sbFailed: "暂时无法获取评议数据。",
    sbNoData: "这个单位本月和上月还没有评议数据。",
    sbNotFound: "没有找到这个单位。",
    month: "{y}年{m}月",
    responseRate: "响应率",
    onTimeRate: "按期办结率",
    resolutionRate: "解决率",
    satisfactionRate: "满意率",
    sample: "样本量",
    sampleUnit: " 件（交办）",
    score: "综合得分",
    rank: "排名",
    rankOf: "第 {rank} 名 / 共 {ranked} 个参评单位",
    unranked: "样本不足，不参与排名",
    noRank: "暂不排名",
    report: "查看月度评议报告",
  },
  en: {
    brand: "Pingliang Wenzheng",
    title: "Case progress",
    trackingNo: "Case no.",
    status: "Status",
    department: "Department",
    noDepartment: "Not yet assigned",
    dueAt: "Reply due",
    noDueAt: "Set when assigned",
    due: { on_time: "On time", due_soon: "Due soon", overdue: "Overdue" },
    reply: "Reply",
    spokesperson: "Spokesperson",
    rating: "Citizen rating",
    supporters: "Supporters",
    details: "View details",
    loading: "Loading the case…",
    notFound: "No case has this number. Please check it.",
    failed: "Could not load the case just now; retrying shortly.",
    timeZone: " (UTC+8)",
    open: " (",
    close: ")",
    colon: ": ",
    sbTitle: "Monthly evaluation",
    sbLoading: "Loading the figures…",
    sbFailed: "Could not load the figures just now.",
    sbNoData: "No figures for this unit this month or last month yet.",
    sbNotFound: "No such unit.",
    month: "{y}-{mm}",
    responseRate: "Response rate",
    onTimeRate: "On-time reply rate",
    resolutionRate: "Resolution rate",
    satisfactionRate: "Satisfaction rate",
    sample: "Sample",
    sampleUnit: " cases assigned",
    score: "Score",
    rank: "Rank",
    rankOf: "No. {rank} of {ranked} ranked units",
    unranked: "Too few cases to be ranked",
    noRank: "Not ranked",
    report: "Monthly report",
  },
} as const;

export type WidgetLang = keyof typeof WIDGET_TEXT;
export type WidgetText = {
  [K in keyof (typeof WIDGET_TEXT)["zh"]]: K extends "due"
    ? Record<"on_time" | "due_soon" | "overdue", string>
    : string;
};
export type WidgetTheme = "light" | "dark" | "auto";

export function widgetLang(value: string | null | undefined): WidgetLang {
  return value === "en" ? "en" : "zh";
}

export function widgetTheme(value: string | null | undefined): WidgetTheme {
  return value === "dark" || value === "light" ? value : "auto";
}
