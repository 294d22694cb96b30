import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { hashPassword } from "../../../shared/auth/password";
import { ACCOUNT_THRESHOLD, ADDRESS_THRESHOLD, waitUntil } from "../../../shared/auth/signin-backoff";
import { ConsoleClient } from "./console";

async function account(username: string, password: string) {
  await env.DB.prepare(
    "INSERT INTO users (id, username, display_name, role, department_id, password_hash) VALUES (?, ?, '被攻击的承办人', 'handler', 'pl-housing', ?)",
  )
    .bind(username, username, await hashPassword(password))
    .run();
}
let n = 0;
const freshAddress = () => `10.77.${Math.floor(++n / 250)}.${n % 250}`;

describe("the lockout attack (ten wrong tries a minute against a handler)", () => {
  it("fails: the owner, in the browser they signed in with before, still signs in with the right password", async () => {
    await account("victim-handler", "victim-password-1");
    const owner = new ConsoleClient("10.78.0.1");
    expect((await owner.login("victim-handler", "victim-password-1")).status).toBe(303);

    // Thirty guesses, each from another address.
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push((await new ConsoleClient(freshAddress()).login("victim-handler", `guess-${i}`)).status);
    expect(statuses.slice(0, ACCOUNT_THRESHOLD).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(ACCOUNT_THRESHOLD).every((s) => s === 429)).toBe(true); // refused unchecked: no more guesses

    // A browser that never signed in to the account waits like the guesser (it cannot be told apart).
    const newBrowser = await new ConsoleClient(freshAddress()).login("victim-handler", "victim-password-1");
    expect(newBrowser.status).toBe(429);
    expect(Number(newBrowser.headers.get("retry-after"))).toBeGreaterThan(0);
    // The owner's browser is let through to the password check, and signs in (clearing the count).
    expect((await owner.login("victim-handler", "victim-password-1")).status).toBe(303);
    expect((await new ConsoleClient(freshAddress()).login("victim-handler", "victim-password-1")).status).toBe(303);
  });

  it("a device cookie for one account does not open another's backoff", async () => {
    await account("victim-two", "victim-password-2");
    const other = await ConsoleClient.signIn("pl-health-handler");
    for (let i = 0; i < ACCOUNT_THRESHOLD; i++) await new ConsoleClient(freshAddress()).login("victim-two", "wrong");
    const res = await other.login("victim-two", "victim-password-2");
    expect(res.status).toBe(429);
  });

  it("an address that keeps failing over many accounts waits; the accounts' owners elsewhere do not", async () => {
    const sprayer = new ConsoleClient("10.79.0.1");
    const statuses: number[] = [];
    for (let i = 0; i <= ADDRESS_THRESHOLD; i++) statuses.push((await sprayer.login(`sprayed-${i}`, "123456")).status);
    expect(statuses.at(-1)).toBe(429);
    expect((await sprayer.login("pl-transport-handler", "pingliang-demo")).status).toBe(429);
    expect((await new ConsoleClient("10.79.0.2").login("pl-transport-handler", "pingliang-demo")).status).toBe(303);
  });
});

describe("the backoff", () => {
  const at = (failures: number, minutesAgo: number, now: number) => ({
    failures,
    lastFailureAt: new Date(now - minutesAgo * 60_000).toISOString(),
  });
  it("starts at the threshold with a minute, doubles per further failure up to 15 minutes, and forgets after an hour", () => {
    const now = Date.parse("2026-03-02T02:00:00Z");
    expect(waitUntil(at(4, 0, now), 5, now)).toBeNull();
    expect(waitUntil(at(5, 0, now), 5, now)).toBe(now + 60_000);
    expect(waitUntil(at(7, 0, now), 5, now)).toBe(now + 4 * 60_000);
    expect(waitUntil(at(30, 0, now), 5, now)).toBe(now + 15 * 60_000);
    expect(waitUntil(at(5, 2, now), 5, now)).toBeNull(); // its minute is over
    expect(waitUntil(at(30, 61, now), 5, now)).toBeNull();
  });
});
