import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareWhatIf } from "../src/monitoring/whatif-parameters.ts";
import type { Store } from "../src/store/database.ts";
import { whatIfOverStore } from "../src/store/whatif.ts";
import { hvb } from "./support/registry.ts";
import { engines, freshStore } from "./support/stores.ts";
import { hoursCase, PERIOD, refer } from "./support/whatif.ts";

/**
 * Issue 8's acceptance test for the what-if: referrals in Hart van Brabant around the 300-hour
 * threshold of Segment 1 (vuistregel 1, parameter `drempel-begeleiding`), made through the registry's
 * own createReferral, and re-evaluated with the threshold moved. Exactly the cases between the old and
 * the new threshold move, and the ids listed are exactly theirs.
 */

const BEGELEIDING = [250, 279, 280, 299, 300, 320] as const;

describe.each(engines)("moving the 300-hour threshold (%s)", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  const id = new Map<string, string>();

  beforeAll(async () => {
    ({ store, done } = await freshStore(engine));
    const cases = [
      // One request date each, so the store's order (request date, id) is the order of the hours.
      ...BEGELEIDING.map((h, i) => hoursCase({ begeleiding: h, behandeling: 0 }, `2025-03-0${i + 1}`)),
      // Unrelated: treatment only (segment 4 and, at 240 hours, Segment 1 by vuistregel 1 for
      // treatment), and a small combination that stays far below both thresholds.
      hoursCase({ begeleiding: 0, behandeling: 80 }),
      hoursCase({ begeleiding: 0, behandeling: 240 }),
      hoursCase({ begeleiding: 100, behandeling: 50 }),
      // Outside the period: never read, whatever its hours.
      hoursCase({ begeleiding: 290, behandeling: 0 }, "2024-06-03"),
    ];
    const made = await refer(store, cases, 81);
    const names = [...BEGELEIDING.map(String), "beh-80", "beh-240", "combi-100-50", "buiten-periode-290"];
    made.forEach((r, i) => id.set(names[i] ?? "", r.id));
    // The stored advice is the threshold of 300 at work.
    expect(made.map((r) => r.segments)).toEqual([
      ["4"],
      ["4"],
      ["4"],
      ["4"],
      ["1"],
      ["1"],
      ["4"],
      ["1"],
      ["4"],
      ["4"],
    ]);
  }, 120_000);
  afterAll(async () => done());

  const run = (value: string) =>
    whatIfOverStore(store, prepareWhatIf(hvb.model, [`drempel-begeleiding=${value}`], PERIOD));

  it("at 280 hours moves exactly the 280 and 299 cases into Segment 1", async () => {
    const { outcome } = await run("280");
    expect(outcome.read).toBe(9);
    expect(outcome.reEvaluated).toBe(9);
    expect(outcome.notReEvaluable).toEqual([]);
    expect(outcome.drift.count).toBe(0);
    expect(outcome.moves).toEqual([
      { before: ["4"], after: ["1"], count: 2, referralIds: [id.get("280"), id.get("299")] },
    ]);
    expect(outcome.unchanged).toBe(7);
  });

  it("at 320 hours moves exactly the 300 case out of Segment 1", async () => {
    const { outcome } = await run("320");
    expect(outcome.moves).toEqual([{ before: ["1"], after: ["4"], count: 1, referralIds: [id.get("300")] }]);
    expect(outcome.moved).toBe(1);
    expect(outcome.unchanged).toBe(8);
  });

  it("at 300 hours, the value in force, moves nobody", async () => {
    const { outcome } = await run("300");
    expect(outcome.moves).toEqual([]);
    expect(outcome.unchanged).toBe(9);
  });

  it("explains a move with the rule that now applies, as the advice text does", async () => {
    const { outcome } = await run("280");
    const sample = outcome.samples[0];
    expect(sample?.referralId).toBe(id.get("280"));
    const rule = sample?.changes.find((c) => c.rule === "s1-vuistregel-begeleiding");
    expect(rule).toMatchObject({ before: "niet-van-toepassing", after: "toegepast" });
    expect(rule?.explanation).toContain("280 uur begeleiding");
    expect(rule?.source?.doc).toBe("hvb-segment-1");
  });
});

describe.each(engines)("a threshold also counts through the derived facts that use it (%s)", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ store, done } = await freshStore(engine));
  }, 120_000);
  afterAll(async () => done());

  it("moves a combination of 160 hours of support and 100 of treatment by the combination score", async () => {
    // 160/300 + 100/230 = 0.97 stays below 1; 160/280 + 100/230 = 1.006 reaches it (vuistregel 2).
    const [combi] = await refer(store, [hoursCase({ begeleiding: 160, behandeling: 100 })], 82);
    const prepared = prepareWhatIf(hvb.model, ["drempel-begeleiding=280"], PERIOD);
    expect(prepared.changes[0]?.use.derived).toEqual(["combinatiescore"]);
    expect(prepared.changes[0]?.use.rules).toContain("s1-vuistregel-combinatie");
    const { outcome } = await whatIfOverStore(store, prepared);
    expect(outcome.moves).toEqual([{ before: ["4"], after: ["1"], count: 1, referralIds: [combi?.id] }]);
    expect(outcome.samples[0]?.changes.map((c) => c.rule)).toContain("s1-vuistregel-combinatie");
  });
});
