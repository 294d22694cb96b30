import { STOP_WORDS } from "../opinion/stop-words";
import { normaliseText } from "../opinion/terms";

/** Text helpers of the reply check: one normal form, clauses, and character pairs. */

/** Half-width, lower case, runs of white space as one space (the board's cells are padded with tabs and newlines). */
export function plain(text: string): string {
  return normaliseText(text).replace(/\s+/g, " ").trim();
}

const HAN = /[\u3400-\u9fff]/g;

export function hanCount(text: string): number {
  return text.match(HAN)?.length ?? 0;
}

/**
 * Clauses: split at sentence ends, commas, colons and semicolons. A reply's template phrases
 * ("您好", "来信收悉", "现回复如下") each sit in a clause of their own, so judging clause by clause
 * keeps them from lending weight to the case-specific text beside them.
 */
export function clausesOf(text: string): string[] {
  return text
    .split(/[。！？!?；;，,：:、\n]+/)
    .map((c) => c.trim())
    .filter(Boolean);
}

/**
 * Words a government reply uses whatever the case: they tie a reply to no message. Added to the
 * opinion analysis' stop words (function words and the letter boilerplate of citizens).
 */
const REPLY_WORDS =
  "网民 来信 来信人 同志 您的 你的 收悉 收到 如下 现将 现就 有关 相关 单位 职能 我们 我局 我委 我办 我区 我县 我市 " +
  "我镇 我乡 我厅 本局 平台 问政 栏目 网帖 帖子 贴文 理解 支持 监督 信任 关心 关注 重视 高度 认真 及时 尽快 立即 " +
  "组织 安排 进一步 加强 切实 积极 依法 依规 程序 办理 反馈 核处 调查 核实 处理 研究 答复 回复 此复 特此 谢谢 感谢 " +
  "祝您 生活 愉快 欢迎 一如既往 建言 宝贵 意见 建议 疑问 咨询 致电 拨打 电话 联系 热线";

/** Words that say nothing about which case a text is about. */
export const GENERIC_WORDS: ReadonlySet<string> = new Set([...STOP_WORDS, ...REPLY_WORDS.split(" ")]);

/**
 * The distinct pairs of adjacent characters (Han, Latin letters or digits) of a text, minus the
 * pairs that are generic words. Pairs, not words: the segmenter breaks the proper names a case is
 * about (景蓉华苑, 潇楚南路) into single characters, which word terms would drop, and a reply
 * spelling a name slightly differently still shares most of its pairs.
 */
export function pairsOf(text: string): Set<string> {
  const out = new Set<string>();
  const runs = plain(text).split(/[^\u3400-\u9fffa-z0-9]+/);
  for (const run of runs) {
    for (let i = 0; i + 1 < run.length; i++) {
      const pair = run.slice(i, i + 2);
      // Two digits or two letters are numbers and codes (dates, phone numbers), not topic.
      if (/^[a-z0-9]{2}$/.test(pair) || GENERIC_WORDS.has(pair)) continue;
      out.add(pair);
    }
  }
  return out;
}

export function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}
