import { describe, expect, it } from "vitest";
import type { D1Client } from "./d1.ts";
import { routingCheck, settledRollups } from "./soak-checks.ts";

/** Answers each query by the table it reads, as the bench's D1 probe would. */
function fakeDb(tables: Record<string, unknown[] | (() => unknown[])>): D1Client {
  return {
    async query<T>(sql: string): Promise<T[]> {
      const [, table] = /FROM (\w+)/.exec(sql) ?? [];
      const rows = tables[table ?? ""];
      if (!rows) throw new Error(`unexpected query ${sql}`);
      return (typeof rows === "function" ? rows() : rows) as T[];
    },
  };
}

const rules = [
  { category: "urban_rural", regionCode: "620802", departmentId: "kt-housing" },
  { category: "urban_rural", regionCode: "*", departmentId: "pl-housing" },
];
const mailboxes = [{ code: "mayor", departmentId: "mayor-office" }];
const row = (over: Record<string, unknown>) => ({
  status: "assigned",
  category: "urban_rural",
  regionCode: "620802",
  departmentId: "kt-housing",
  addressee: null,
  ...over,
});

describe("routingCheck", () => {
  it("accepts cases where the catalogue, a mailbox or the dispatcher sends them", async () => {
    const cases = [
      row({}),
      row({ regionCode: "620821", departmentId: "pl-housing" }), // the `*` rule
      row({ addressee: "mayor", departmentId: "mayor-office" }),
      row({ category: "no_rule_here", status: "accepted", departmentId: null }), // the dispatcher's queue
      row({ category: null, status: "accepted", departmentId: null }), // left to the classifier
    ];
    const check = await routingCheck(fakeDb({ routing_rules: rules, addressees: mailboxes, cases }));
    expect(check).toEqual({ byStatus: { assigned: 3, accepted: 2 }, unrouted: 0, misrouted: 0 });
  });

  it("counts a case left submitted as unrouted, and one anywhere else as misrouted", async () => {
    const cases = [
      row({ status: "submitted", departmentId: null }),
      row({ departmentId: "pl-housing" }), // the region's own rule wins over `*`
      row({ status: "held", departmentId: null }),
      row({ category: "no_rule_here", departmentId: "kt-housing" }), // should wait for the dispatcher
    ];
    const check = await routingCheck(fakeDb({ routing_rules: rules, addressees: mailboxes, cases }));
    expect(check).toMatchObject({ unrouted: 1, misrouted: 3 });
  });
});

describe("settledRollups", () => {
  const events = [
    { type: "case.accepted", n: 10 },
    { type: "case.assigned", n: 10 },
  ];

  it("waits until the rollups catch up with the events", async () => {
    let polls = 0;
    const units = () => {
      polls++;
      const n = polls < 3 ? 8 : 10;
      return [
        { counter: "received", n },
        { counter: "assigned", n },
      ];
    };
    const totals = await settledRollups(fakeDb({ rollup_units: units, case_events: events }), 10_000);
    expect(totals).toEqual({ received: 10, expectedReceived: 10, assigned: 10, expectedAssigned: 10 });
  });

  it("gives up once the totals stop moving, and returns the mismatch", async () => {
    const stuck = [
      { counter: "received", n: 11 },
      { counter: "assigned", n: 10 },
    ];
    const totals = await settledRollups(fakeDb({ rollup_units: stuck, case_events: events }), 10_000, 600);
    expect(totals).toMatchObject({ received: 11, expectedReceived: 10 });
  });
});
