import type { IssueMessage } from "./hot-issues";

/**
 * A November's messages for the hot-issue tests (the pure one and the evaluation Worker's): two
 * problems at one estate, the same problem at another estate, and unrelated messages around them.
 */

let seq = 0;

export function issueMessage(
  title: string,
  body: string,
  day: number,
  extra: Partial<IssueMessage> = {},
): IssueMessage {
  seq++;
  return {
    id: `m${seq}`,
    title,
    body,
    at: `2019-11-${String(day).padStart(2, "0")}T02:00:00.000Z`,
    author: `u${seq}`,
    ...extra,
  };
}

export function issueTestBatch(): IssueMessage[] {
  return [
    issueMessage("A2区丽发新城附近修建搅拌站噪音扰民", "丽发新城小区旁边新建了搅拌站，日夜施工，噪音和粉尘严重。", 2),
    issueMessage("投诉丽发新城小区附近违建搅拌站", "丽发新城附近的混凝土搅拌站没有环评，噪音扰民，灰尘很大。", 5),
    issueMessage("丽发新城搅拌站粉尘大，无法开窗", "我们是丽发新城的居民，搅拌站粉尘噪音让人无法生活。", 9),
    issueMessage("A市丽发新城违建搅拌站彻夜施工", "丽发新城南边搅拌站彻夜施工，噪音扰民，请环保部门查处。", 12),
    issueMessage("A市丽发新城物业强行断业主家的水", "丽发新城物业公司因为物业费纠纷强行断水，业主无法生活。", 14),
    issueMessage("魅力之城小区底层餐馆油烟扰民", "魅力之城小区一楼商铺开餐馆，油烟直排，居民无法开窗。", 3),
    issueMessage("A5区魅力之城商铺油烟直排扰民", "魅力之城商铺没有排烟管道，油烟扰民严重，请城管查处。", 8),
    issueMessage("魅力之城临街门面油烟噪音扰民", "魅力之城临街门面餐馆油烟和噪音扰民到深夜。", 20),
    issueMessage("咨询社保卡补办流程", "社保卡丢失了，请问在哪里补办，需要什么材料？", 4),
    issueMessage("公交车站台太少", "从火车站到体育馆的公交线路站台太少，希望增加。", 6),
    issueMessage("学校门口交通拥堵", "每天早上学校门口交通拥堵，建议交警疏导。", 7),
    issueMessage("路灯不亮", "我家楼下的路灯已经坏了一个月了。", 10),
  ];
}
