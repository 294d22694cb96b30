/**
 * Screening of a new message (定期浏览): obvious spam is refused with a public reason, a message
 * with a listed word waits for moderation, everything else passes. Pure: the word list is passed in.
 */
export type ScreeningVerdict =
  | { action: "reject"; reason: string }
  | { action: "hold"; reason: string }
  | { action: "pass" };

const URL_PATTERN = /(?:https?:\/\/|www\.)[^\s，。]+/gi;
const MEANINGFUL = /[\p{Script=Han}\p{L}\p{N}]/gu;

function meaningfulChars(text: string): string[] {
  return text.match(MEANINGFUL) ?? [];
}

export function screenMessage(
  message: { title: string; body: string },
  holdWords: readonly string[],
): ScreeningVerdict {
  const text = `${message.title}\n${message.body}`;
  const chars = meaningfulChars(text);
  if (chars.length < 5) return { action: "reject", reason: "留言内容为空或无实际内容" };
  if (meaningfulChars(text.replace(URL_PATTERN, " ")).length < 5)
    return { action: "reject", reason: "留言仅包含网址链接" };
  const counts = new Map<string, number>();
  for (const c of chars) counts.set(c, (counts.get(c) ?? 0) + 1);
  if (counts.size <= 3 || Math.max(...counts.values()) / chars.length > 0.6) {
    return { action: "reject", reason: "留言内容为重复字符，无法识别诉求" };
  }
  const word = holdWords.find((w) => w && text.includes(w));
  if (word) return { action: "hold", reason: "留言包含需人工审核的内容" };
  return { action: "pass" };
}

/** The text two messages must share to count as the same message: letters and digits only. */
export function normalizedText(message: { title: string; body: string }): string {
  return meaningfulChars(`${message.title}${message.body}`).join("").toLowerCase();
}
