import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgetEffect } from "../src/monitoring/whatif-budget.ts";
import { prepareWhatIf, withParameters } from "../src/monitoring/whatif-parameters.ts";
import type { Store } from "../src/store/database.ts";
import { budgetBasis, whatIfOverStore } from "../src/store/whatif.ts";
import { hvb } from "./support/registry.ts";
import { engines, freshStore } from "./support/stores.ts";
import { allocationWithLines, hoursCase, PERIOD, refer } from "./support/whatif.ts";

/**
 * The budget effect of a what-if, computed by hand. A P × Q segment is valued at its approved declared
 * amount (debit − credit) of the period per distinct client on those lines; a task-based segment at 0
 * euro a client, with its ceiling shared by more or fewer clients.
 */

describe("valuing moves from a given basis", () => {
  const basis = {
    period: PERIOD,
    declared: [{ segment: "4", amountCents: 100_001, clients: 2 }],
    allocated: [{ segment: "1", clients: 4 }],
  };

  it("values 4 → 1 at minus the segment-4 mean, and shares the ceiling among the new clients", () => {
    const effect = budgetEffect(
      hvb.model,
      hvb.model,
      [{ before: ["4"], after: ["1"], count: 3, referralIds: ["a", "b", "c"] }],
      basis,
    );
    // 100,001 / 2 = 50,000.5 → 50,001 cents a client; three move: −150,003 cents.
    expect(effect.moves).toEqual([
      { before: ["4"], after: ["1"], count: 3, perReferralCents: -50_001, totalCents: -150_003 },
    ]);
    expect(effect.totalCents).toBe(-150_003);
    expect(effect.valuedReferrals).toBe(3);
    expect(effect.segments.find((s) => s.segment === "1")).toEqual({
      segment: "1",
      name: expect.any(String),
      financing: "taakgericht",
      meanPerClientCents: 0,
      ceiling: {
        parameter: "budgetplafond-segment-1",
        beforeCents: 5_340_000_000,
        afterCents: 5_340_000_000,
      },
      clientsInPeriod: 4,
      netMovedIn: 3,
      // €53.4 M over 4 clients, then over 7.
      ceilingPerClientBeforeCents: 1_335_000_000,
      ceilingPerClientAfterCents: 762_857_143,
    });
  });

  it("counts a move into a P × Q segment without declarations as not valued, never as zero", () => {
    const effect = budgetEffect(
      hvb.model,
      hvb.model,
      [
        { before: ["4"], after: ["3"], count: 2, referralIds: ["a", "b"] },
        { before: ["1"], after: ["4"], count: 1, referralIds: ["c"] },
      ],
      basis,
    );
    expect(effect.moves.map((m) => m.totalCents)).toEqual([null, 50_001]);
    expect(effect.totalCents).toBe(50_001);
    expect(effect.notValuedReferrals).toBe(2);
    expect(effect.segments.find((s) => s.segment === "3")).toMatchObject({ meanPerClientCents: null });
  });

  it("shows a changed ceiling when the ceiling is the parameter", () => {
    const { model } = withParameters(
      hvb.model,
      [{ name: "budgetplafond-segment-1", value: 60_000_000 }],
      PERIOD,
    );
    const s1 = budgetEffect(hvb.model, model, [], basis).segments.find((s) => s.segment === "1");
    expect(s1).toMatchObject({
      ceiling: { beforeCents: 5_340_000_000, afterCents: 6_000_000_000 },
      ceilingPerClientAfterCents: 1_500_000_000,
    });
  });
});

describe.each(engines)("the budget basis from the registry (%s)", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ store, done } = await freshStore(engine));
  }, 120_000);
  afterAll(async () => done());

  it("sums approved declarations per client of the period and values the 280-hour move by hand", async () => {
    // Clients a and b move from 4 to 1 at a threshold of 280 hours; c is a client of segment 1 already.
    const [a, b, c] = await refer(
      store,
      [
        hoursCase({ begeleiding: 280, behandeling: 0 }),
        hoursCase({ begeleiding: 299, behandeling: 0 }),
        hoursCase({ begeleiding: 300, behandeling: 0 }),
      ],
      83,
    );
    if (!a || !b || !c) throw new Error("verwijzingen ontbreken");
    await allocationWithLines(store, {
      clientId: a.clientId,
      segment: "4",
      product: "joh-begeleiding",
      start: "2025-01-01",
      end: "2025-12-31",
      lines: [
        { periodStart: "2025-02-01", amount: 10_000 },
        { periodStart: "2025-03-01", amount: 5_000 },
        // Before the period: not counted.
        { periodStart: "2024-12-01", amount: 70_000 },
      ],
    });
    await allocationWithLines(store, {
      clientId: b.clientId,
      segment: "4",
      product: "joh-begeleiding",
      start: "2025-01-01",
      end: null,
      lines: [
        { periodStart: "2025-02-01", amount: 30_000 },
        { periodStart: "2025-02-01", amount: 5_000, credit: true },
        // Rejected: not spend.
        { periodStart: "2025-04-01", amount: 99_999, approved: false },
      ],
    });
    // Segment 1 (task-based): a and c in the period; b's ended before it.
    await allocationWithLines(store, {
      clientId: a.clientId,
      segment: "1",
      product: "intensieve-ambulante-jeugdhulp",
      start: "2025-06-01",
      end: null,
    });
    await allocationWithLines(store, {
      clientId: c.clientId,
      segment: "1",
      product: "intensieve-ambulante-jeugdhulp",
      start: "2024-01-01",
      end: "2025-01-01",
    });
    await allocationWithLines(store, {
      clientId: b.clientId,
      segment: "1",
      product: "intensieve-ambulante-jeugdhulp",
      start: "2024-01-01",
      end: "2024-12-31",
    });

    expect(await budgetBasis(store, "hart-van-brabant", PERIOD)).toEqual({
      period: PERIOD,
      // 10,000 + 5,000 + 30,000 − 5,000 = 40,000 cents for 2 clients.
      declared: [{ segment: "4", amountCents: 40_000, clients: 2 }],
      allocated: [
        { segment: "1", clients: 2 },
        { segment: "4", clients: 2 },
      ],
    });

    const { outcome, budget } = await whatIfOverStore(
      store,
      prepareWhatIf(hvb.model, ["drempel-begeleiding=280"], PERIOD),
    );
    expect(outcome.moves.map((m) => [m.before, m.after, m.count])).toEqual([[["4"], ["1"], 2]]);
    // Mean of segment 4: 40,000 / 2 = 20,000 cents (€200) a client; two move out of it into the ceiling.
    expect(budget.moves).toEqual([
      { before: ["4"], after: ["1"], count: 2, perReferralCents: -20_000, totalCents: -40_000 },
    ]);
    expect(budget.totalCents).toBe(-40_000);
    expect(budget.segments.find((s) => s.segment === "1")).toMatchObject({
      clientsInPeriod: 2,
      netMovedIn: 2,
      ceilingPerClientBeforeCents: 2_670_000_000,
      ceilingPerClientAfterCents: 1_335_000_000,
    });
  });
});
