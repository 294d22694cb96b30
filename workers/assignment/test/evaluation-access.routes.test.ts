import { beforeEach, describe, expect, it } from "vitest";
import { ConsoleClient } from "./console";
import {
  ACCOUNTABILITY,
  clearEvaluationTables,
  count,
  joinGroup,
  lastMonth,
  OPINION,
  PANEL,
  SETTINGS,
  scoreRows,
  scores,
  staff,
} from "./evaluation-fixtures";

beforeEach(clearEvaluationTables);

describe("evaluation pages: who may open them", () => {
  it("answers 403 to a department's handler on every page, and lets each role in only where the table says", async () => {
    const handler = await staff("pl-housing-handler", "/console/inbox");
    for (const path of [PANEL, ACCOUNTABILITY, OPINION, SETTINGS])
      expect((await handler.get(path)).status, path).toBe(403);
    expect(
      (await handler.post(PANEL, { period: lastMonth(), ...scores("pl-housing", ["100", "100", "100", "100"]) }))
        .status,
    ).toBe(403);
    expect((await handler.post(`${SETTINGS}/groups`, { name: "自己人", weight: "9" })).status).toBe(403);

    const supervisor = await staff("supervisor", "/console/overdue");
    expect((await supervisor.get(PANEL)).status).toBe(403);
    expect(
      (await supervisor.post(PANEL, { period: lastMonth(), ...scores("pl-housing", ["1", "1", "1", "1"]) })).status,
    ).toBe(403);
    expect((await supervisor.get(ACCOUNTABILITY)).status).toBe(200);
    expect((await supervisor.get(OPINION)).status).toBe(200);
    expect((await supervisor.get(SETTINGS)).status).toBe(403);

    const evaluator = await ConsoleClient.signIn("evaluator");
    const panel = await evaluator.get(PANEL);
    expect(panel.status).toBe(200);
    const nav = await panel.text();
    expect(nav).toContain('href="/console/evaluation/panel"');
    expect(nav).not.toContain('href="/console/evaluation/accountability"');
    for (const path of [ACCOUNTABILITY, OPINION, SETTINGS]) expect((await evaluator.get(path)).status, path).toBe(403);

    const leaderOffice = await staff("pl-mayor-office-handler", "/console/inbox");
    const opinion = await leaderOffice.get(OPINION);
    expect(opinion.status).toBe(200);
    expect(await opinion.text()).toContain('href="/console/evaluation/opinion"');
    expect((await leaderOffice.get(ACCOUNTABILITY)).status).toBe(403);
    expect((await leaderOffice.get(PANEL)).status).toBe(403);

    const dispatcher = await staff("dispatcher", "/console/dispatch");
    expect((await dispatcher.get(ACCOUNTABILITY)).status).toBe(200);
    expect((await dispatcher.get(OPINION)).status).toBe(200);
    expect((await dispatcher.get(PANEL)).status).toBe(403);

    expect(await scoreRows()).toBe(0);
    expect(await count("SELECT COUNT(*) AS n FROM evaluator_groups")).toBe(0);
  });

  it("refuses a scoring form without the session's CSRF token", async () => {
    await joinGroup();
    const evaluator = await staff("evaluator", PANEL);
    const res = await evaluator.post(
      PANEL,
      { period: lastMonth(), ...scores("pl-housing", ["90", "90", "90", "90"]) },
      { withCsrf: false },
    );
    expect(res.status).toBe(403);
    expect(await scoreRows()).toBe(0);
  });
});
