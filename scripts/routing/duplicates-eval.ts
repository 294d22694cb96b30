/**
 * `npm run routing:duplicates`: how the near-duplicate detector behaves on real citizen messages.
 * The training file has no duplicate labels, so this reports a proxy: among messages with a known
 * user (留言用户), every pair at or above the threshold, and how many of those pairs one user posted
 * (a re-post, the case the detector exists for). Pairs from different users are printed for a
 * reader to judge: many citizens about one site are duplicates by design, others are misses.
 * It also checks the LSH bands the consumer finds candidates through: how many of those pairs share
 * a band (recall; the rest would be missed) and how many other pairs do (the exact check's work).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseCsv } from "../../shared/routing/classifier/csv";
import { DUPLICATE_THRESHOLD, minHashSignature, similarity } from "../../shared/routing/duplicates";
import { BANDS, bandKeys, ROWS } from "../../shared/routing/lsh";

const root = path.resolve(import.meta.dirname, "../..");
const file = path.resolve(root, "../shared/data/messages-train.csv");
const [header = [], ...rows] = parseCsv(readFileSync(file, "utf8"));
const col = (name: string) => header.indexOf(name);
const [user, title, body] = [col("留言用户"), col("留言主题"), col("留言详情")];
const messages = rows
  .filter((r) => r[user] && r[title])
  .map((r) => ({ user: r[user] ?? "", title: r[title] ?? "", body: r[body] ?? "" }))
  .map((m) => ({ ...m, sig: minHashSignature(m) }))
  .map((m) => ({ ...m, bands: new Set(bandKeys(m.sig)) }));

const pairs: { a: number; b: number; s: number }[] = [];
let inBand = 0;
let foundByBand = 0;
for (let a = 0; a < messages.length; a++) {
  for (let b = a + 1; b < messages.length; b++) {
    const s = similarity(messages[a]?.sig ?? [], messages[b]?.sig ?? []);
    const shared = [...(messages[a]?.bands ?? [])].some((k) => messages[b]?.bands.has(k));
    if (shared) inBand += 1;
    if (s >= DUPLICATE_THRESHOLD) pairs.push({ a, b, s });
    if (s >= DUPLICATE_THRESHOLD && shared) foundByBand += 1;
  }
}
const sameUser = pairs.filter((p) => messages[p.a]?.user === messages[p.b]?.user);
console.log(
  `${messages.length} messages with a known user; ${pairs.length} pairs at similarity ≥ ${DUPLICATE_THRESHOLD}`,
);
console.log(
  `${sameUser.length} of them (${pairs.length ? ((100 * sameUser.length) / pairs.length).toFixed(1) : "0"} %) were posted by the same user`,
);
const allPairs = (messages.length * (messages.length - 1)) / 2;
console.log(
  `LSH, ${BANDS} bands of ${ROWS}: ${foundByBand} of ${pairs.length} pairs share a band; ` +
    `${inBand - foundByBand} other pairs do (${((1e5 * (inBand - foundByBand)) / allPairs).toFixed(1)} per 100,000 pairs)`,
);
for (const p of pairs.filter((q) => !sameUser.includes(q)).slice(0, 10)) {
  console.log(`  ${p.s.toFixed(2)}  ${messages[p.a]?.title}  ~  ${messages[p.b]?.title}`);
}
