import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import { providerHeader } from "../src/ijw/build.ts";
import { writeMessage } from "../src/ijw/codec.ts";
import type {
  Berichten,
  CDT_Omvang,
  CDT_Product,
  Jw317TeWijzigenProduct,
  Jw317Verzoek,
} from "../src/ijw/messages.generated.ts";
import { receiveAtProvider } from "../src/ijw/provider-side.ts";
import type { Store } from "../src/store/database.ts";
import { importMessage, markExported, pendingOutgoing } from "../src/store/ijw.ts";
import { listAllocations } from "../src/store/registry.ts";
import {
  addGgzProvider,
  AGB,
  bytes,
  exchangeContext,
  GEMEENTE,
  GGZ,
  hvbContract,
  outbox,
  votXml,
} from "./support/ijw.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * The VOW flow on the municipality's side (JW317 ⇒ JW318, then one JW301 or one JW319 for the whole
 * request), on both database engines. A VOT first creates the allocation the request changes.
 */

const [bsn] = testBsns(1, 47);
const ctx = exchangeContext("2026-03-02");
const BEGELEIDING = { category: "54", code: "54002" };
const weekly = (Volume: number): CDT_Omvang => ({ Volume, Eenheid: "04", Frequentie: "2" });

type Products = Omit<Jw317Verzoek, "ReferentieAanbieder" | "RedenVerzoek">;

/** A JW317 from the provider, written (and so XSD-checked) by the codec. */
const vow = (identificatie: string, referentie: string, products: Products) =>
  bytes(
    writeMessage("JW317", {
      Header: providerHeader(
        "JW317",
        { gemeente: GEMEENTE, agb: AGB },
        { identificatie, dagtekening: "2026-03-02" },
      ),
      Client: { Bsn: bsn!, Verzoek: { ReferentieAanbieder: referentie, RedenVerzoek: "2", ...products } },
    }),
  );

/** One TeWijzigenProduct; by default the extension of the VOT's allocation to 8 March 2027 at 2 hours a week. */
const changed = (ToewijzingNummer: number, change: Partial<Jw317TeWijzigenProduct> = {}): Products => ({
  TeWijzigenProducten: {
    TeWijzigenProduct: [
      {
        ToewijzingNummer,
        GewensteIngangsdatum: "2026-03-09",
        Einddatum: "2027-03-08",
        Omvang: weekly(2),
        ...change,
      },
    ],
  },
});

/** One NieuwProduct: 1 hour a week from 1 April to the end of 2026. */
const added = (Product: CDT_Product): Products => ({
  NieuweProducten: {
    NieuwProduct: [
      { Product, GewensteIngangsdatum: "2026-04-01", Einddatum: "2026-12-31", Omvang: weekly(1) },
    ],
  },
});

const jw301Products = (m: { bericht: unknown }) =>
  (m.bericht as Berichten["JW301"]).Client.ToegewezenProducten.ToegewezenProduct;

describe.each(engines)("a request for change (VOW) on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  beforeEach(async () => {
    ({ store, done } = await freshStore(engine));
    await addGgzProvider(store, hvbContract("ggz-begeleiding", BEGELEIDING));
  });
  afterEach(() => done());

  /** A VOT that is granted; returns the ToewijzingNummers and empties the outbox. */
  async function allocated(products: Parameters<typeof votXml>[0]["products"]): Promise<number[]> {
    const outcome = await importMessage(
      store,
      bytes(votXml({ identificatie: "VOT-1", dagtekening: "2026-03-02", bsn: bsn!, products })),
      ctx,
    );
    expect(outcome.status).toBe("verwerkt");
    const sent = await outbox(store);
    await markExported(
      store,
      sent.map((m) => m.id),
    );
    return sent
      .filter((m) => m.type === "JW301")
      .flatMap((m) => jw301Products(m).map((p) => p.ToewijzingNummer));
  }

  const ggz = { ref: "VOT-REF-1", ...GGZ, start: "2026-03-09", end: "2026-12-31", omvang: weekly(2) };

  it("extending the end date changes the allocation in place: same ToewijzingNummer, RedenWijziging 12, the VOW's reference", async () => {
    const [nummer] = await allocated([ggz]);
    const outcome = await importMessage(store, vow("VOW-1", "WIJZ-1", changed(nummer!)), ctx);
    expect(outcome.status).toBe("verwerkt");
    expect(outcome.produced.map((p) => p.type)).toEqual(["JW318", "JW301"]);
    const [retour, allocation] = await outbox(store);
    expect((retour!.bericht as Berichten["JW318"]).Client).toBeUndefined();
    expect(jw301Products(allocation!)).toEqual([
      expect.objectContaining({
        ToewijzingNummer: nummer,
        ReferentieAanbieder: "WIJZ-1",
        Ingangsdatum: "2026-03-09",
        Einddatum: "2027-03-08",
        RedenWijziging: "12",
        Omvang: weekly(2),
      }),
    ]);
    const registered = await listAllocations(store, {});
    expect(registered).toHaveLength(1);
    expect(registered[0]).toMatchObject({ endDate: "2027-03-08", status: "actief" });
  });

  it("changing a weekly volume ends the allocation and issues a new number; both are in the one JW301", async () => {
    const [nummer] = await allocated([ggz]);
    await importMessage(
      store,
      vow(
        "VOW-2",
        "WIJZ-2",
        changed(nummer!, { GewensteIngangsdatum: "2026-05-01", Einddatum: "2026-12-31", Omvang: weekly(3) }),
      ),
      ctx,
    );
    const [, allocation] = await outbox(store);
    const products = jw301Products(allocation!);
    expect(products).toHaveLength(2);
    const [old, replacement] = products;
    expect(old).toMatchObject({
      ToewijzingNummer: nummer,
      ReferentieAanbieder: "WIJZ-2",
      Einddatum: "2026-04-30",
      RedenWijziging: "12",
      Omvang: weekly(2),
    });
    expect(replacement!.ToewijzingNummer).not.toBe(nummer);
    expect(replacement).toMatchObject({
      ReferentieAanbieder: "WIJZ-2",
      Product: { Categorie: "54", Code: "54001" },
      Ingangsdatum: "2026-05-01",
      Einddatum: "2026-12-31",
      Omvang: weekly(3),
    });
    expect(replacement!.RedenWijziging).toBeUndefined();
    expect((await listAllocations(store, {})).map((a) => [a.status, a.endDate, a.volume])).toEqual([
      ["beeindigd", "2026-04-30", 2],
      ["actief", "2026-12-31", 3],
    ]);
    // The provider's own checks find nothing in it.
    const atProvider = receiveAtProvider(allocation!.xml, {
      agb: AGB,
      today: "2026-03-03",
      identificatie: "R-1",
    });
    expect(atProvider.findings).toEqual([]);
  });

  it("a new product beside an unchanged one is allocated; the JW301 carries the reference on both", async () => {
    const [nummer] = await allocated([ggz]);
    const outcome = await importMessage(
      store,
      vow("VOW-3", "WIJZ-3", {
        OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: nummer! }] },
        ...added({ Categorie: "54", Code: "54002" }),
      }),
      ctx,
    );
    expect(outcome.produced.map((p) => p.type)).toEqual(["JW318", "JW301"]);
    const products = jw301Products((await outbox(store))[1]!);
    expect(products.map((p) => [p.Product?.Code, p.ReferentieAanbieder, p.RedenWijziging])).toEqual([
      ["54001", "WIJZ-3", undefined],
      ["54002", "WIJZ-3", undefined],
    ]);
    expect((await listAllocations(store, {})).map((a) => a.product)).toEqual([
      "ggz-specialistisch",
      "ggz-begeleiding",
    ]);
  });

  it("a request that leaves out a current allocation is incomplete: 9349 on the Verzoek, nothing changed", async () => {
    const [first] = await allocated([ggz, { ...ggz, ref: "VOT-REF-2", ...BEGELEIDING }]);
    const outcome = await importMessage(store, vow("VOW-4", "WIJZ-4", changed(first!)), ctx);
    expect(outcome.status).toBe("afgekeurd");
    const sent = await outbox(store);
    expect(sent.map((m) => m.type)).toEqual(["JW318"]);
    expect((sent[0]!.bericht as Berichten["JW318"]).Client!.Verzoek.RetourCodes.RetourCode).toEqual(["9349"]);
    expect((await listAllocations(store, {})).map((a) => a.endDate)).toEqual(["2026-12-31", "2026-12-31"]);
    expect(await store.db.selectFrom("ijw_request").select("id").where("kind", "=", "vow").execute()).toEqual(
      [],
    );
  });

  it("a ToewijzingNummer that is no current allocation gets 9351 on its TeWijzigenProduct", async () => {
    const [nummer] = await allocated([ggz]);
    await importMessage(
      store,
      vow("VOW-5", "WIJZ-5", {
        OngewijzigdeProducten: { OngewijzigdProduct: [{ ToewijzingNummer: nummer! }] },
        ...changed(999),
      }),
      ctx,
    );
    const retour = (await outbox(store))[0]!.bericht as Berichten["JW318"];
    const verzoek = retour.Client!.Verzoek;
    expect(verzoek.TeWijzigenProducten!.TeWijzigenProduct[0]!.RetourCodes.RetourCode).toEqual(["9351"]);
    expect(verzoek.OngewijzigdeProducten!.OngewijzigdProduct[0]!.RetourCodes.RetourCode).toEqual(["0200"]);
    expect(verzoek.RetourCodes.RetourCode).toEqual(["0200"]);
  });

  it("a second request while one is open for the client gets 9374", async () => {
    const [nummer] = await allocated([ggz]);
    // A VOT without a legal referral stays in investigation: an open request of this provider.
    await importMessage(
      store,
      bytes(
        votXml({
          identificatie: "VOT-2",
          dagtekening: "2026-03-02",
          bsn: bsn!,
          products: [{ ...ggz, ref: "VOT-REF-3", ...BEGELEIDING, verwijzer: { Type: "06" } }],
        }),
      ),
      ctx,
    );
    await markExported(
      store,
      (await pendingOutgoing(store)).map((m) => m.id),
    );
    const outcome = await importMessage(store, vow("VOW-6", "WIJZ-6", changed(nummer!)), ctx);
    expect(outcome.status).toBe("afgekeurd");
    const sent = await outbox(store);
    expect(sent.map((m) => m.type)).toEqual(["JW318"]);
    expect((sent[0]!.bericht as Berichten["JW318"]).Client!.RetourCodes.RetourCode).toEqual(["9374"]);
    expect((await listAllocations(store, {}))[0]!.endDate).toBe("2026-12-31");
  });

  it("a reference the provider used before (here for its VOT) gets 9347 and changes nothing", async () => {
    const [nummer] = await allocated([ggz]);
    const outcome = await importMessage(store, vow("VOW-8", ggz.ref, changed(nummer!)), ctx);
    expect(outcome.status).toBe("afgekeurd");
    const retour = (await outbox(store))[0]!.bericht as Berichten["JW318"];
    expect(retour.Client!.Verzoek.RetourCodes.RetourCode).toEqual(["9347"]);
    expect((await listAllocations(store, {}))[0]!.endDate).toBe("2026-12-31");
  });

  it("refused for want of a contract: one JW319 with reason 3 for the whole request, and the extension asked beside it is not made", async () => {
    const [nummer] = await allocated([ggz]);
    const outcome = await importMessage(
      store,
      vow("VOW-7", "WIJZ-7", { ...changed(nummer!), ...added({ Categorie: "45", Code: "45A03" }) }),
      ctx,
    );
    expect(outcome.status).toBe("verwerkt");
    expect(outcome.produced.map((p) => p.type)).toEqual(["JW318", "JW319"]);
    const answer = (await outbox(store))[1]!.bericht as Berichten["JW319"];
    expect(answer.Antwoord).toEqual({
      ReferentieAanbieder: "WIJZ-7",
      VerzoekAntwoord: "1",
      RedenAfwijzingVerzoek: "3",
    });
    const registered = await listAllocations(store, {});
    expect(registered.map((a) => [a.product, a.endDate])).toEqual([["ggz-specialistisch", "2026-12-31"]]);
    const request = await store.db
      .selectFrom("ijw_request")
      .select(["status", "kind"])
      .where("referentie", "=", "WIJZ-7")
      .executeTakeFirstOrThrow();
    expect(request).toEqual({ status: "afgewezen", kind: "vow" });
  });
});
