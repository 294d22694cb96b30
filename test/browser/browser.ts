import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { DEMO_TOTP_SECRET } from "../../shared/auth/second-factor";
import { totpCode } from "../../shared/auth/totp";
import { freePort, killGroup, sleep } from "../e2e/platform";

/** Helpers for the browser walks: Debian's chromium, the partner demo site, axe-core, screenshots. */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const AXE = path.join(root, "node_modules/axe-core/axe.min.js");
export const SCREENSHOTS = path.join(root, "test/browser/screenshots");

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(`no ${CHROMIUM}: apt-get install -y chromium fonts-wqy-microhei (or set CHROMIUM_PATH)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** The partner demo site (`npm run partner-demo`) on a free port, embedding widgets from `platform`. */
export async function startPartner(platform: string): Promise<{ port: number; stop: () => void }> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [path.join(root, "scripts/partner-demo.mjs")], {
    cwd: root,
    env: { ...process.env, PARTNER_PORT: String(port), PLATFORM_URL: platform },
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/partner.css`)).ok) break;
    } catch {
      if (i > 50) throw new Error("the partner demo did not start");
      await sleep(100);
    }
  }
  return { port, stop: () => child.pid && killGroup(child.pid, "SIGTERM") };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** axe-core's violations on the page, every impact (needs a context with bypassCSP to inject axe). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    // axe-core's script tag defines window.axe; the page's own types do not know it.
    const { axe } = window as Window & {
      axe?: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
    };
    if (!axe) throw new Error("axe-core did not load");
    return (await axe.run(document, { resultTypes: ["violations"] })).violations;
  });
  return violations.map(({ id, impact, help, nodes }) => ({
    id,
    impact,
    help,
    nodes: nodes.map((n) => ({ target: n.target })),
  }));
}

export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The code page after the password (dispatchers, supervisors, admins): the code the demo's authenticator app shows. */
export async function enterSecondFactor(page: Page): Promise<void> {
  if (new URL(page.url()).pathname !== "/console/verify") return;
  await page.fill("#code", totpCode(DEMO_TOTP_SECRET, Date.now()));
  await Promise.all([page.waitForURL((u) => u.pathname !== "/console/verify"), page.press("#code", "Enter")]);
}
