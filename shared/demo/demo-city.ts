/**
 * The demo city, 平凉市 (DESIGN.md §6): regions, departments, leader mailboxes, categories and
 * spokespeople. Plausible, not official: names of people are invented.
 */

export const REGIONS = [
  { code: "620800", name: "平凉市（市本级）", nameEn: "Pingliang (city level)", parentCode: null },
  { code: "620802", name: "崆峒区", nameEn: "Kongtong District", parentCode: "620800" },
  { code: "620821", name: "泾川县", nameEn: "Jingchuan County", parentCode: "620800" },
  { code: "620822", name: "灵台县", nameEn: "Lingtai County", parentCode: "620800" },
  { code: "620823", name: "崇信县", nameEn: "Chongxin County", parentCode: "620800" },
  { code: "620825", name: "庄浪县", nameEn: "Zhuanglang County", parentCode: "620800" },
  { code: "620826", name: "静宁县", nameEn: "Jingning County", parentCode: "620800" },
  { code: "620881", name: "华亭市", nameEn: "Huating City", parentCode: "620800" },
] as const;

/** First-level categories, named as in the labelled routing data (`../shared/data`). */
export const CATEGORIES = [
  { code: "urban_rural", name: "城乡建设", nameEn: "Urban and rural construction" },
  { code: "labor_social", name: "劳动和社会保障", nameEn: "Labour and social security" },
  { code: "education_culture", name: "教育文体", nameEn: "Education, culture and sports" },
  { code: "commerce_tourism", name: "商贸旅游", nameEn: "Commerce and tourism" },
  { code: "environment", name: "环境保护", nameEn: "Environmental protection" },
  { code: "health", name: "卫生计生", nameEn: "Health and family planning" },
  { code: "transport", name: "交通运输", nameEn: "Transport" },
] as const;
export type CategoryCode = (typeof CATEGORIES)[number]["code"];

type Kind = "office" | "municipal" | "county" | "leader_office";
interface Dept {
  id: string;
  name: string;
  nameEn: string;
  shortName: string;
  kind: Kind;
  regionCode: string;
  spokesperson?: { name: string; title: string };
}

const county = (id: string, name: string, nameEn: string, regionCode: string, person: string): Dept => ({
  id,
  name: `${name}人民政府`,
  nameEn: `${nameEn} People's Government`,
  shortName: name,
  kind: "county",
  regionCode,
  spokesperson: { name: person, title: `${name}人民政府办公室副主任、网络发言人` },
});
const municipal = (
  id: string,
  [name, nameEn]: [string, string],
  shortName: string,
  person: string,
  post: string,
): Dept => ({
  id,
  name,
  nameEn,
  shortName,
  kind: "municipal",
  regionCode: "620800",
  spokesperson: { name: person, title: `${shortName}${post}、网络发言人` },
});

export const DEPARTMENTS: Dept[] = [
  {
    id: "pl-office",
    name: "平凉市网络问政办公室",
    nameEn: "Pingliang Online Inquiry Office",
    shortName: "问政办",
    kind: "office",
    regionCode: "620800",
  },
  {
    id: "pl-secretary-office",
    name: "市委书记信箱办公室",
    nameEn: "Party Secretary's Mailbox Office",
    shortName: "书记信箱",
    kind: "leader_office",
    regionCode: "620800",
    // A leader's mailbox answers in public too: through the office's spokesperson.
    spokesperson: { name: "高建民", title: "中共平凉市委办公室副主任、网络发言人" },
  },
  {
    id: "pl-mayor-office",
    name: "市长信箱办公室",
    nameEn: "Mayor's Mailbox Office",
    shortName: "市长信箱",
    kind: "leader_office",
    regionCode: "620800",
    spokesperson: { name: "马慧芳", title: "平凉市人民政府办公室副主任、网络发言人" },
  },
  municipal(
    "pl-housing",
    ["平凉市住房和城乡建设局", "Pingliang Housing and Urban-Rural Development Bureau"],
    "市住建局",
    "王建国",
    "副局长",
  ),
  municipal(
    "pl-hrss",
    ["平凉市人力资源和社会保障局", "Pingliang Human Resources and Social Security Bureau"],
    "市人社局",
    "李秀兰",
    "副局长",
  ),
  municipal("pl-education", ["平凉市教育局", "Pingliang Education Bureau"], "市教育局", "赵文博", "副局长"),
  municipal(
    "pl-culture-tourism",
    ["平凉市文化和旅游局", "Pingliang Culture and Tourism Bureau"],
    "市文旅局",
    "孙丽华",
    "副局长",
  ),
  municipal("pl-commerce", ["平凉市商务局", "Pingliang Commerce Bureau"], "市商务局", "周海涛", "副局长"),
  municipal(
    "pl-ecology",
    ["平凉市生态环境局", "Pingliang Ecology and Environment Bureau"],
    "市生态环境局",
    "吴志强",
    "副局长",
  ),
  municipal("pl-health", ["平凉市卫生健康委员会", "Pingliang Health Commission"], "市卫健委", "郑慧敏", "副主任"),
  municipal("pl-transport", ["平凉市交通运输局", "Pingliang Transport Bureau"], "市交通局", "冯立军", "副局长"),
  municipal(
    "pl-market",
    ["平凉市市场监督管理局", "Pingliang Market Regulation Administration"],
    "市市场监管局",
    "陈晓东",
    "副局长",
  ),
  municipal(
    "pl-urban-management",
    ["平凉市城市管理综合执法局", "Pingliang Urban Management and Law Enforcement Bureau"],
    "市城管局",
    "褚国平",
    "副局长",
  ),
  county("kongtong", "崆峒区", "Kongtong District", "620802", "卫东升"),
  county("jingchuan", "泾川县", "Jingchuan County", "620821", "蒋红梅"),
  county("lingtai", "灵台县", "Lingtai County", "620822", "沈永福"),
  county("chongxin", "崇信县", "Chongxin County", "620823", "韩晓燕"),
  county("zhuanglang", "庄浪县", "Zhuanglang County", "620825", "杨振华"),
  county("jingning", "静宁县", "Jingning County", "620826", "朱玉梅"),
  county("huating", "华亭市", "Huating City", "620881", "秦志刚"),
];

export const ADDRESSEES = [
  { code: "secretary", name: "市委书记信箱", nameEn: "Party Secretary's Mailbox", departmentId: "pl-secretary-office" },
  { code: "mayor", name: "市长信箱", nameEn: "Mayor's Mailbox", departmentId: "pl-mayor-office" },
];

/** The department a demo case of each category goes to when it is a city-level matter. */
export const DEMO_CATEGORY_DEPARTMENT: Record<CategoryCode, string> = {
  urban_rural: "pl-housing",
  labor_social: "pl-hrss",
  education_culture: "pl-education",
  commerce_tourism: "pl-culture-tourism",
  environment: "pl-ecology",
  health: "pl-health",
  transport: "pl-transport",
};

export const COUNTY_DEPARTMENT_BY_REGION: Record<string, string> = Object.fromEntries(
  DEPARTMENTS.filter((d) => d.kind === "county").map((d) => [d.regionCode, d.id]),
);

export const MESSAGE_TYPE_NAMES = [
  { code: "consult", nameZh: "咨询", nameEn: "Consultation" },
  { code: "suggest", nameZh: "建议", nameEn: "Suggestion" },
  { code: "help", nameZh: "求助", nameEn: "Request for help" },
  { code: "complaint", nameZh: "投诉", nameEn: "Complaint" },
  { code: "report", nameZh: "举报", nameEn: "Report" },
  { code: "thanks", nameZh: "感谢", nameEn: "Thanks" },
];

/** DESIGN.md §3 defaults: reply limits by type in working days; all editable later. */
export const REPLY_WORKING_DAYS: Record<string, number | null> = {
  consult: 5,
  suggest: 10,
  help: 10,
  complaint: 15,
  report: 15,
  thanks: null,
};
