import { expect, it } from "vitest";
import { currentPeriod } from "../../../shared/clocks/period";
import { inspectEnglishPage, portalPages } from "../../../test/fixtures/english-pages";
import { caseThrough, page, replySteps } from "./portal-fixtures";

const withLang = (path: string) => `${path}${path.includes("?") ? "&" : "?"}lang=en`;

it("shows every portal page in English with ?lang=en, Chinese only in what citizens and departments wrote", async () => {
  const c = await caseThrough(replySteps);
  const problems: string[] = [];
  for (const path of portalPages(c.trackingNo, currentPeriod())) {
    const res = await page(withLang(path));
    if (res.status !== 200) {
      problems.push(`${path}: status ${res.status}`);
      continue;
    }
    const en = await inspectEnglishPage(res.html, /^\/(?!api\/)/);
    if (en.htmlLang !== "en") problems.push(`${path}: <html lang="${en.htmlLang}">`);
    for (const chinese of en.chinese) problems.push(`${path}: ${chinese}`);
    for (const lost of en.lostLanguage) problems.push(`${path}: lost lang=en ${lost}`);
  }
  expect(problems).toEqual([]);
});
