/**
 * Words that say nothing about what a message is about: function words, pronouns, and the
 * boilerplate of a letter to the government (您好, 领导, 反映, 希望, 解决 …). They are the most
 * frequent terms of every topic alike, so left in they would top every trend list.
 * Single characters are dropped by length, so only words of two or more characters appear here.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  // Pronouns and demonstratives.
  (
    "我们 你们 他们 她们 它们 咱们 大家 自己 本人 人家 别人 这个 那个 这些 那些 这样 那样 这种 那种 " +
    "这里 那里 这边 那边 此事 这件 该事 其中 其他 其它 以及 什么 怎么 怎样 怎么办 为什么 如何 哪里 哪些 多少 " +
    // Conjunctions, adverbs, auxiliaries.
    "但是 可是 而且 并且 或者 还是 因为 所以 因此 如果 虽然 然后 而是 只是 就是 也是 不是 都是 还有 " +
    "已经 一直 一定 一些 一下 一个 一次 一样 一起 非常 特别 比较 真的 实在 根本 完全 确实 到底 究竟 " +
    "没有 不能 不会 可以 能够 应该 需要 必须 是否 不要 不得 只能 还要 不再 " +
    "现在 目前 当时 之前 以前 以后 之后 今年 去年 每天 时候 时间 期间 至今 最近 近日 近期 " +
    "对于 关于 根据 按照 通过 为了 由于 作为 以上 以下 之间 方面 进行 存在 出现 造成 导致 " +
    // Letter boilerplate: greetings, requests, thanks.
    "您好 你好 尊敬 领导 各位 书记 市长 县长 请问 请求 恳请 希望 要求 盼望 麻烦 谢谢 感谢 万分 " +
    "反映 反应 问题 情况 解决 处理 答复 回复 回应 落实 帮助 帮忙 给予 予以 重视 关注 关心 调查 核实 " +
    "政府 部门 相关 有关 领导们 老百姓 百姓 群众 市民 居民 人民 我市 本市 市里 " +
    "事情 事件 事宜 一事 问一下 咨询 请问一下 了解 知道 告诉 说明 表示 认为 觉得 发现 看到 " +
    "留言 网友 投诉 举报 建议 意见 电话 联系 工作人员 人员 上级 局长 " +
    // Frequent words too general to name a topic.
    "我是 我的 你的 他的 人的 的是 到了 这么 那么 如此 很多 许多 所有 任何 全部 部分 几个 几年 多年 一年 一名 " +
    "都有 都没有 也没有 不到 无法 只有 才能 甚至 难道 为何 同时 直接 开始 得到 结果 原因 经过 发生 属于 " +
    "左右 第一 第二 今天 当地 地方 多次 严重 强烈 实际 提出 提供 明确 符合 正常 影响 行为 关系 国家 规定 " +
    "工作 生活 社会 方式 内容 过程 情形 现象 一般 基本 主要 有的 所谓 其实 以来 当中 " +
    "不知道 是不是 我想 一点 在此 具体 最后"
  ).split(" "),
);
