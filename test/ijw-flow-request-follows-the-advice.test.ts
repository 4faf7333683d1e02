import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import { parseCase } from "../src/domain/case.ts";
import type { Berichten } from "../src/ijw/messages.generated.ts";
import type { Store } from "../src/store/database.ts";
import { importMessage } from "../src/store/ijw.ts";
import { createDecision, createReferral, listAllocations } from "../src/store/registry.ts";
import { addGgzProvider, bytes, exchangeContext, GGZ, outbox, votXml } from "./support/ijw.ts";
import { hvb, tilburgGgzCase } from "./support/registry.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * The advice decides with the region model: when the registry holds an advice (or a decision) for the
 * child, a requested product of another segment is not allocated directly but investigated.
 */

const [bsn = ""] = testBsns(1, 57);
const weekly = { Volume: 2, Eenheid: "04", Frequentie: "2" };
const ggzRequest = [{ ref: "REF-A", ...GGZ, start: "2026-11-16", end: "2027-06-30", omvang: weekly }];
const segment1Case = parseCase(
  JSON.parse(readFileSync(new URL("../examples/segment-1-huisarts.json", import.meta.url), "utf8")),
);

describe.each(engines)("a VOT and the advice in the registry on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeEach(async () => {
    ({ store, done } = await freshStore(engine));
    await addGgzProvider(store);
  });
  afterEach(() => done());

  it("an advice for segment 4 lets a segment 4 product be allocated", async () => {
    await createReferral(store, hvb, { bsn, facts: tilburgGgzCase, idempotencyKey: "ref-4" });
    const outcome = await importMessage(
      store,
      bytes(votXml({ identificatie: "V1", dagtekening: "2026-11-09", bsn, products: ggzRequest })),
      exchangeContext("2026-11-09"),
    );
    expect(outcome.produced.map((p) => p.type)).toEqual(["JW316", "JW301"]);
  });

  it("an advice for segment 1 sends a segment 4 request to a person (in onderzoek), naming both", async () => {
    const { referral } = await createReferral(store, hvb, {
      bsn,
      facts: segment1Case,
      idempotencyKey: "ref-1",
    });
    expect(referral.segments).not.toContain("4");
    const outcome = await importMessage(
      store,
      bytes(votXml({ identificatie: "V2", dagtekening: "2026-11-09", bsn, products: ggzRequest })),
      exchangeContext("2026-11-09"),
    );
    expect(outcome.produced.map((p) => p.type)).toEqual(["JW316", "JW319"]);
    expect(outcome.reasons.join()).toMatch(
      /hoort bij segment 4, maar het advies van 2026-11-02 noemt segment 1/,
    );
    const answer = (await outbox(store))[1]!.bericht as Berichten["JW319"];
    expect(answer.Antwoord.VerzoekAntwoord).toBe("2");
    expect(await listAllocations(store, {})).toEqual([]);
  });

  it("a decision (beschikking) for segment 4 counts over an advice for segment 1", async () => {
    const { referral } = await createReferral(store, hvb, {
      bsn,
      facts: segment1Case,
      idempotencyKey: "ref-1b",
    });
    await createDecision(store, hvb, {
      referralId: referral.id,
      decidedOn: "2026-11-05",
      segments: ["4"],
      validFrom: "2026-11-05",
      validTo: "2027-11-04",
      decidedBy: "Toegang Tilburg (fictief)",
      idempotencyKey: "dec-4",
    });
    const outcome = await importMessage(
      store,
      bytes(votXml({ identificatie: "V3", dagtekening: "2026-11-09", bsn, products: ggzRequest })),
      exchangeContext("2026-11-09"),
    );
    expect(outcome.produced.map((p) => p.type)).toEqual(["JW316", "JW301"]);
  });
});
