import { expect, it } from "vitest";
import { inspectEnglishPage } from "../../../test/fixtures/english-pages";
import { ConsoleClient } from "./console";
import { consolePages } from "./console-pages";

const withLang = (path: string) => `${path}${path.includes("?") ? "&" : "?"}lang=en`;

it("shows every console page of every role in English with ?lang=en, Chinese only in what people wrote", async () => {
  const problems: string[] = [];
  for (const [user, paths] of await consolePages()) {
    const client = user ? await ConsoleClient.signIn(user) : new ConsoleClient("10.0.0.1");
    for (const path of paths) {
      const res = await client.get(withLang(path));
      const where = `${user ?? "signed out"} ${path}`;
      if (res.status !== 200) {
        problems.push(`${where}: status ${res.status}`);
        continue;
      }
      const page = await inspectEnglishPage(await res.text(), /^\/console/);
      if (page.htmlLang !== "en") problems.push(`${where}: <html lang="${page.htmlLang}">`);
      for (const c of page.chinese) problems.push(`${where}: ${c}`);
      for (const l of page.lostLanguage) problems.push(`${where}: lost lang=en ${l}`);
    }
  }
  expect(problems).toEqual([]);
}, 300_000);
