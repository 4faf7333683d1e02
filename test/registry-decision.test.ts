import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import type { Store } from "../src/store/database.ts";
import { addProvider, createAllocation, createDecision, createReferral } from "../src/store/registry.ts";
import { hvb, refusedRules, tilburgGgzCase } from "./support/registry.ts";
import { engines, freshStore } from "./support/stores.ts";

const [bsn = ""] = testBsns(1, 31);

describe.each(engines)("decisions (beschikkingen) on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeEach(async () => {
    ({ store, done } = await freshStore(engine));
    await addProvider(store, {
      agb: "12345678",
      name: "GGZ-aanbieder (fictief)",
      contracts: [
        {
          regionId: "hart-van-brabant",
          segment: "4",
          product: null,
          purchaseArea: null,
          validFrom: "2023-01-01",
          validTo: null,
        },
      ],
    });
  });
  afterEach(async () => done());

  it("records a decision on a referral, says whether it follows the advice, and keeps allocations within it", async () => {
    const { referral } = await createReferral(store, hvb, {
      bsn,
      facts: tilburgGgzCase,
      idempotencyKey: "ref",
    });
    const decide = () =>
      createDecision(store, hvb, {
        referralId: referral.id,
        decidedOn: "2026-03-05",
        segments: ["4"],
        validFrom: "2026-03-09",
        validTo: "2026-12-31",
        decidedBy: "Toegang Tilburg",
        idempotencyKey: "besluit-1",
      });
    const { decision } = await decide();
    expect(decision).toMatchObject({ segments: ["4"], followsAdvice: true });
    expect((await decide()).created).toBe(false);

    const base = {
      clientId: referral.clientId,
      referralId: referral.id,
      decisionId: decision.id,
      municipality: "0855",
      segment: "4",
      product: "ggz-specialistisch",
      providerAgb: "12345678",
    };
    const ok = await createAllocation(store, hvb, {
      ...base,
      startDate: "2026-03-09",
      endDate: "2026-12-31",
      idempotencyKey: "a1",
    });
    expect(ok.allocation.decisionId).toBe(decision.id);
    expect(
      await refusedRules(
        createAllocation(store, hvb, {
          ...base,
          startDate: "2027-01-01",
          endDate: "2027-03-31",
          idempotencyKey: "a2",
        }),
      ),
    ).toEqual(["binnen-beschikking"]);
  });

  it("refuses a decision before the registration, or with a segment the region does not have", async () => {
    const { referral } = await createReferral(store, hvb, {
      bsn,
      facts: tilburgGgzCase,
      idempotencyKey: "ref",
    });
    const wrong = createDecision(store, hvb, {
      referralId: referral.id,
      decidedOn: "2026-03-01",
      segments: ["9"],
      validFrom: "2026-03-09",
      decidedBy: "Toegang Tilburg",
      idempotencyKey: "besluit-x",
    });
    expect(await refusedRules(wrong)).toEqual(["segment-bestaat", "beschikking-na-aanmelding"]);
    const other = await createDecision(store, hvb, {
      referralId: referral.id,
      decidedOn: "2026-03-05",
      segments: ["3"],
      validFrom: "2026-03-09",
      decidedBy: "Toegang Tilburg",
      idempotencyKey: "besluit-3",
    });
    expect(other.decision.followsAdvice).toBe(false);
  });
});
