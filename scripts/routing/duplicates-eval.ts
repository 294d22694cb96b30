/**
 * `npm run routing:duplicates`: how the near-duplicate detector behaves on real citizen messages.
 * The training file has no duplicate labels, so this reports a proxy: among messages with a known
 * user (留言用户), every pair at or above the threshold, and how many of those pairs one user posted
 * (a re-post, the case the detector exists for). Pairs from different users are printed for a
 * reader to judge: many citizens about one site are duplicates by design, others are misses.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCsv } from "../../shared/routing/classifier/csv";
import { DUPLICATE_THRESHOLD, minHashSignature, similarity } from "../../shared/routing/duplicates";

const root = path.resolve(import.meta.dirname, "../..");
const file = path.resolve(root, "../shared/data/messages-train.csv");
const [header = [], ...rows] = parseCsv(readFileSync(file, "utf8"));
const col = (name: string) => header.indexOf(name);
const [user, title, body] = [col("留言用户"), col("留言主题"), col("留言详情")];
const messages = rows
  .filter((r) => r[user] && r[title])
  .map((r) => ({ user: r[user] ?? "", title: r[title] ?? "", body: r[body] ?? "" }))
  .map((m) => ({ ...m, sig: minHashSignature(m) }));

const pairs: { a: number; b: number; s: number }[] = [];
for (let a = 0; a < messages.length; a++) {
  for (let b = a + 1; b < messages.length; b++) {
    const s = similarity(messages[a]?.sig ?? [], messages[b]?.sig ?? []);
    if (s >= DUPLICATE_THRESHOLD) pairs.push({ a, b, s });
  }
}
const sameUser = pairs.filter((p) => messages[p.a]?.user === messages[p.b]?.user);
console.log(
  `${messages.length} messages with a known user; ${pairs.length} pairs at similarity ≥ ${DUPLICATE_THRESHOLD}`,
);
console.log(
  `${sameUser.length} of them (${pairs.length ? ((100 * sameUser.length) / pairs.length).toFixed(1) : "0"} %) were posted by the same user`,
);
for (const p of pairs.filter((q) => !sameUser.includes(q)).slice(0, 10)) {
  console.log(`  ${p.s.toFixed(2)}  ${messages[p.a]?.title}  ~  ${messages[p.b]?.title}`);
}
