import { it } from "vitest";
import { ConsoleClient } from "./console";
import { consolePages } from "./console-pages";

it("dumps the console's pages", async () => {
  const pages = await consolePages();
  for (const [user, paths] of pages) {
    const client = user ? await ConsoleClient.signIn(user) : new ConsoleClient("10.0.0.1");
    for (const p of paths) {
      const res = await client.get(`${p}${process.env.DUMP_LANG === "en" ? (p.includes("?") ? "&lang=en" : "?lang=en") : ""}`);
      console.log(`=====PAGE ${user} ${p} ${res.status}\n${await res.text()}\n=====END`);
    }
  }
}, 300_000);
