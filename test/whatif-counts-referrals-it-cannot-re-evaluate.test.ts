import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareWhatIf } from "../src/monitoring/whatif-parameters.ts";
import type { Store } from "../src/store/database.ts";
import { whatIfOverStore } from "../src/store/whatif.ts";
import { hvb } from "./support/registry.ts";
import { engines, freshStore } from "./support/stores.ts";
import { hoursCase, PERIOD, refer } from "./support/whatif.ts";

/**
 * A referral the what-if cannot re-evaluate is counted and named with its reason, never dropped: a
 * generated one (`facts = {"generated": true}`), and one whose stored facts the current case schema
 * refuses (the reason names the field, not its value). A referral whose stored segments differ from what
 * the model advises now is re-evaluated, and listed apart as drift.
 */

describe.each(engines)("referrals the what-if cannot re-evaluate (%s)", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeAll(async () => {
    ({ store, done } = await freshStore(engine));
  }, 120_000);
  afterAll(async () => done());

  it("are counted per reason with their ids", async () => {
    const [generated, refused, drifted, moving] = await refer(
      store,
      [
        hoursCase({ begeleiding: 290, behandeling: 0 }),
        hoursCase({ begeleiding: 290, behandeling: 0 }),
        hoursCase({ begeleiding: 0, behandeling: 80 }),
        hoursCase({ begeleiding: 290, behandeling: 0 }),
      ],
      84,
    );
    if (!generated || !refused || !drifted || !moving) throw new Error("verwijzingen ontbreken");
    // What generate writes, and what an older schema let through (written here by hand).
    await store.db
      .updateTable("referral")
      .set({ facts: JSON.stringify({ generated: true }) })
      .where("id", "=", generated.id)
      .execute();
    await store.db
      .updateTable("referral")
      .set({ facts: sql`facts || '{"oudVeld": 1, "crisis": "soms"}'::jsonb` })
      .where("id", "=", refused.id)
      .execute();
    await store.db.updateTable("referral").set({ segments: "3" }).where("id", "=", drifted.id).execute();

    const { outcome } = await whatIfOverStore(
      store,
      prepareWhatIf(hvb.model, ["drempel-begeleiding=280"], PERIOD),
    );
    expect(outcome.read).toBe(4);
    expect(outcome.reEvaluated).toBe(2);
    expect(outcome.notReEvaluable).toEqual([
      {
        reason: "gegenereerd",
        text: "synthetische verwijzing zonder casusfeiten (generate)",
        count: 1,
        referralIds: [generated.id],
        details: [],
      },
      {
        reason: "feiten-ongeldig",
        text: "de opgeslagen feiten passen niet in het huidige casusschema",
        count: 1,
        referralIds: [refused.id],
        details: [expect.stringMatching(/crisis: .*oudVeld: onbekend veld|oudVeld: onbekend veld.*crisis: /)],
      },
    ]);
    expect(JSON.stringify(outcome.notReEvaluable)).not.toContain("soms");
    expect(outcome.drift).toEqual({ count: 1, referralIds: [drifted.id] });
    expect(outcome.moves).toEqual([{ before: ["4"], after: ["1"], count: 1, referralIds: [moving.id] }]);
  });
});
