/**
 * Civic words that the segmenter's dictionary lacks and breaks into pieces that mean nothing on
 * their own or something else (社保 → 社 | 保, 公积金 → 公 | 积 | 金, 出租车 → 出租 | 车). Single
 * characters are dropped as terms, so without this list whole topics would vanish from the counts.
 * Each entry is rebuilt only from whole adjacent segments, never from a substring: "县城管理"
 * segments as 县城 | 管理 and so does not yield 城管.
 */
export const CIVIC_TERMS: ReadonlySet<string> = new Set(
  // Social security and labour.
  (
    "社保 医保 社保卡 医保卡 社保费 公积金 养老金 低保 低保户 五保户 残疾证 农民工 讨薪 欠薪 " +
    "劳动仲裁 劳务派遣 退伍军人 新农合 失业金 拆迁款 补偿款 " +
    // Papers people cannot get.
    "身份证 驾驶证 结婚证 准生证 居住证 暂住证 健康证 " +
    // Housing and property.
    "物业费 供暖费 暖气费 停车费 水费 电费 燃气 天然气 安置房 棚改 廉租房 公租房 经适房 学区房 " +
    "房产证 不动产证 产权证 交房 延期交房 烂尾楼 开发商 业委会 业主委员会 老旧小区 加装电梯 危房 宅基地 " +
    // Urban management and environment.
    "城管 渣土车 扰民 油烟 违章建筑 垃圾分类 垃圾站 排污 化工厂 搅拌站 环评 基站 广场舞 占道 网格员 " +
    // Transport.
    "出租车 网约车 车牌 车牌号 违停 共享单车 公交车 公交站 电动车 摩托车 充电桩 斑马线 停车场 收费站 超载 " +
    // Education, health, commerce, other.
    "幼儿园 校外培训 民办教师 代课教师 特岗教师 学费 疫情 健康码 医疗费 保健品 营业执照 外卖 传销 " +
    "非法集资 电信诈骗 扶贫 贫困户 退耕还林 居委会 村委会 街道办"
  ).split(" "),
);

/** Every non-empty prefix of a civic term: lets a merge stop at the first segment that cannot lead to one. */
export const CIVIC_PREFIXES: ReadonlySet<string> = new Set(
  [...CIVIC_TERMS].flatMap((t) => Array.from({ length: t.length }, (_, i) => t.slice(0, i + 1))),
);
