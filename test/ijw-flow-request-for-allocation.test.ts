import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import type { Berichten } from "../src/ijw/messages.generated.ts";
import { receiveAtProvider } from "../src/ijw/provider-side.ts";
import type { Store } from "../src/store/database.ts";
import { answerRequest, importMessage, markExported, pendingOutgoing } from "../src/store/ijw.ts";
import { listAllocations, registerClient } from "../src/store/registry.ts";
import { addGgzProvider, AGB, bytes, exchangeContext, GEMEENTE, GGZ, outbox, votXml } from "./support/ijw.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * The VOT flows on the municipality's side (JW315 ⇒ JW316, then JW301 or JW319 per product), answered by
 * the provider's side (JW301 ⇒ JW302), on both database engines.
 */

const [bsn, otherBsn = ""] = testBsns(2, 31);
const ctx = exchangeContext("2026-03-02");
const weekly = { Volume: 2, Eenheid: "04", Frequentie: "2" };

describe.each(engines)("a request for allocation (VOT) on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeEach(async () => {
    ({ store, done } = await freshStore(engine));
    await addGgzProvider(store);
  });
  afterEach(() => done());

  const vot = (identificatie: string, products: Parameters<typeof votXml>[0]["products"], who = bsn!) =>
    bytes(votXml({ identificatie, dagtekening: "2026-03-02", bsn: who, products }));

  it("direct: a retour without codes, then a JW301 with the provider's reference; the provider confirms with a JW302", async () => {
    const outcome = await importMessage(
      store,
      vot("VOT-1", [{ ref: "REF-1", ...GGZ, start: "2026-03-09", end: "2026-12-31", omvang: weekly }]),
      ctx,
    );
    expect(outcome.status).toBe("verwerkt");
    expect(outcome.produced.map((p) => p.type)).toEqual(["JW316", "JW301"]);
    const [retour, allocation] = await outbox(store);
    expect((retour!.bericht as Berichten["JW316"]).Client).toBeUndefined();
    const jw301 = allocation!.bericht as Berichten["JW301"];
    const product = jw301.Client.ToegewezenProducten.ToegewezenProduct[0]!;
    expect(product).toMatchObject({
      ReferentieAanbieder: "REF-1",
      Product: { Categorie: "54", Code: "54001" },
      Ingangsdatum: "2026-03-09",
      Einddatum: "2026-12-31",
      Omvang: { Volume: 2, Eenheid: "04", Frequentie: "2" },
    });
    expect(jw301.Header).toMatchObject({ Afzender: GEMEENTE, Ontvanger: AGB });
    const [registered] = await listAllocations(store, {});
    expect(registered).toMatchObject({ segment: "4", product: "ggz-specialistisch", providerAgb: AGB });
    expect(product.ToewijzingNummer).toBe(Number(registered!.number.slice(1)));

    const atProvider = receiveAtProvider(allocation!.xml, {
      agb: AGB,
      today: "2026-03-03",
      identificatie: "R-1",
    });
    expect(atProvider.findings).toEqual([]);
    const ack = await importMessage(store, bytes(atProvider.retour!.xml), exchangeContext("2026-03-03"));
    expect(ack.status).toBe("verwerkt");
    expect(ack.reasons[0]).toContain("ontvangst bevestigd");
  });

  it("the same file twice has one effect; the second gets retour code 9056", async () => {
    const file = vot("VOT-2", [
      { ref: "REF-2", ...GGZ, start: "2026-03-09", end: "2026-12-31", omvang: weekly },
    ]);
    await importMessage(store, file, ctx);
    await markExported(
      store,
      (await pendingOutgoing(store)).map((m) => m.id),
    );
    const again = await importMessage(store, file, ctx);
    expect(again.status).toBe("dubbel");
    const [retour, ...rest] = await outbox(store);
    expect(rest).toEqual([]);
    expect((retour!.bericht as Berichten["JW316"]).Header.RetourCodes?.RetourCode).toEqual(["9056"]);
    expect(await listAllocations(store, {})).toHaveLength(1);
  });

  it("rejected: a product the provider has no contract for gets a JW319 with reason 3", async () => {
    const outcome = await importMessage(
      store,
      vot("VOT-3", [
        {
          ref: "REF-3",
          category: "45",
          code: "45A03",
          start: "2026-03-09",
          end: "2026-12-31",
          omvang: weekly,
        },
      ]),
      ctx,
    );
    expect(outcome.produced.map((p) => p.type)).toEqual(["JW316", "JW319"]);
    const answer = (await outbox(store))[1]!.bericht as Berichten["JW319"];
    expect(answer.Antwoord).toEqual({
      ReferentieAanbieder: "REF-3",
      VerzoekAntwoord: "1",
      RedenAfwijzingVerzoek: "3",
    });
    expect(await listAllocations(store, {})).toEqual([]);
  });

  it("woonplaatsbeginsel: a child who lives in another municipality gets reason 8 with that municipality", async () => {
    await registerClient(store, { bsn: otherBsn, municipality: "0796" });
    await importMessage(
      store,
      vot(
        "VOT-4",
        [{ ref: "REF-4", ...GGZ, start: "2026-03-09", end: "2026-12-31", omvang: weekly }],
        otherBsn,
      ),
      ctx,
    );
    const answer = (await outbox(store))[1]!.bericht as Berichten["JW319"];
    expect(answer.Antwoord).toEqual({
      ReferentieAanbieder: "REF-4",
      VerzoekAntwoord: "1",
      RedenAfwijzingVerzoek: "8",
      Woonplaatsbeginsel: { Gemeente: "0796" },
    });
  });

  it("investigate, then allocate: without a legal referral the answer is 'in onderzoek', a person then allocates", async () => {
    await importMessage(
      store,
      vot("VOT-5", [
        {
          ref: "REF-5",
          ...GGZ,
          start: "2026-03-09",
          end: "2026-12-31",
          omvang: weekly,
          verwijzer: { Type: "06" },
        },
      ]),
      ctx,
    );
    const first = await outbox(store);
    expect((first[1]!.bericht as Berichten["JW319"]).Antwoord).toEqual({
      ReferentieAanbieder: "REF-5",
      VerzoekAntwoord: "2",
    });
    await markExported(
      store,
      first.map((m) => m.id),
    );
    const later = await answerRequest(
      store,
      { agb: AGB, referentie: "REF-5", decision: { kind: "toewijzen" } },
      exchangeContext("2026-03-20"),
    );
    expect(later.produced.map((p) => p.type)).toEqual(["JW301"]);
    const jw301 = (await outbox(store))[0]!.bericht as Berichten["JW301"];
    expect(jw301.Client.ToegewezenProducten.ToegewezenProduct[0]!.ReferentieAanbieder).toBe("REF-5");
    // A second answer to the same request is refused (TR365).
    await expect(
      answerRequest(
        store,
        { agb: AGB, referentie: "REF-5", decision: { kind: "afwijzen", reden: "7" } },
        ctx,
      ),
    ).rejects.toThrow(/al beantwoord/);
  });

  it("a broken in-message rule rejects the whole message with 0001 and changes nothing", async () => {
    const outcome = await importMessage(
      store,
      vot("VOT-6", [{ ref: "REF-6", ...GGZ, start: "2026-03-09", omvang: weekly }]), // weekly without end: CD076
      ctx,
    );
    expect(outcome.status).toBe("afgekeurd");
    const [retour, ...rest] = await outbox(store);
    expect(rest).toEqual([]);
    expect((retour!.bericht as Berichten["JW316"]).Header.RetourCodes?.RetourCode).toEqual(["0001"]);
    expect(await store.db.selectFrom("client").select("id").execute()).toEqual([]);
  });

  it("a reference used before gets 9347 and one open request per client and provider gets 9374", async () => {
    await importMessage(
      store,
      vot("VOT-7", [
        {
          ref: "REF-7",
          ...GGZ,
          start: "2026-03-09",
          end: "2026-12-31",
          omvang: weekly,
          verwijzer: { Type: "06" },
        },
      ]),
      ctx,
    );
    await markExported(
      store,
      (await pendingOutgoing(store)).map((m) => m.id),
    );
    const reused = await importMessage(
      store,
      vot("VOT-8", [{ ref: "REF-7", ...GGZ, start: "2026-04-01", end: "2026-12-31", omvang: weekly }]),
      ctx,
    );
    expect(reused.status).toBe("afgekeurd");
    const stillOpen = await importMessage(
      store,
      vot("VOT-9", [{ ref: "REF-9", ...GGZ, start: "2026-04-01", end: "2026-12-31", omvang: weekly }]),
      ctx,
    );
    expect(stillOpen.status).toBe("afgekeurd");
    const [first, second] = await outbox(store);
    const products = (first!.bericht as Berichten["JW316"]).Client!.AangevraagdeProducten.AangevraagdProduct;
    expect(products[0]!.RetourCodes.RetourCode).toContain("9347");
    expect((second!.bericht as Berichten["JW316"]).Client!.RetourCodes.RetourCode).toEqual(["9374"]);
    expect(await listAllocations(store, {})).toEqual([]);
  });

  it("an XSD-invalid message changes nothing and gets no retour", async () => {
    const xml = votXml({
      identificatie: "VOT-10",
      dagtekening: "2026-03-02",
      bsn: bsn!,
      products: [{ ref: "R", ...GGZ, start: "2026-03-09", end: "2026-12-31", omvang: weekly }],
    });
    const outcome = await importMessage(
      store,
      bytes(xml.replace("<jw315:Geslacht>2</jw315:Geslacht>", "")),
      ctx,
    );
    expect(outcome.status).toBe("ongeldig");
    expect(outcome.reasons.join()).toContain("Geslacht");
    expect(await pendingOutgoing(store)).toEqual([]);
    expect(await store.db.selectFrom("ijw_message").select("id").execute()).toEqual([]);
  });
});
