import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import { providerHeader } from "../src/ijw/build.ts";
import { writeMessage } from "../src/ijw/codec.ts";
import {
  type AllocationFacts,
  judgeDeclaration,
  maxVolume,
  maxVolumeOverall,
} from "../src/ijw/declaration.ts";
import type { Berichten, Jw323Prestatie } from "../src/ijw/messages.generated.ts";
import type { Store } from "../src/store/database.ts";
import { importMessage, markExported, pendingOutgoing } from "../src/store/ijw.ts";
import { listAllocations } from "../src/store/registry.ts";
import {
  addGgzProvider,
  AGB,
  bytes,
  CONTRACT_TARIFF,
  exchangeContext,
  GEMEENTE,
  GGZ,
  outbox,
  votXml,
} from "./support/ijw.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * The declaration flow on the municipality's side (JW323 ⇒ JW325), checked against an allocation made
 * through a VOT (2 hours a week of category 54 / code 54001 from 9 March to 31 December 2026), on both
 * database engines. Every message is written through the codec (XSD-valid) and every JW325 in the
 * outbox is read back through it.
 */

const [bsn = "", otherBsn = ""] = testBsns(2, 41);
const TARIFF = CONTRACT_TARIFF; // euro cents per hour

interface Line {
  ref: string;
  vorig?: string;
  nummer: number;
  category?: string;
  code?: string;
  begin?: string;
  end?: string;
  volume: number;
  unit?: string;
  credit?: boolean;
  /** An amount other than volume × tariff (TR346). */
  bedrag?: number;
  /** A tariff other than the contract's (TR418). */
  tarief?: number;
}

function prestatie(l: Line): Jw323Prestatie {
  return {
    ProductReferentie: { ReferentieNummer: l.ref, ...(l.vorig ? { VorigReferentieNummer: l.vorig } : {}) },
    ToewijzingNummer: l.nummer,
    ProductCategorie: (l.category ?? GGZ.category) as Jw323Prestatie["ProductCategorie"],
    ProductCode: l.code ?? GGZ.code,
    ProductPeriode: { Begindatum: l.begin ?? "2026-03-09", Einddatum: l.end ?? "2026-03-31" },
    GeleverdVolume: l.volume,
    Eenheid: (l.unit ?? "04") as Jw323Prestatie["Eenheid"],
    ProductTarief: l.tarief ?? TARIFF,
    IngediendBedrag: {
      Bedrag: l.bedrag ?? l.volume * (l.tarief ?? TARIFF),
      DebetCredit: l.credit ? "C" : "D",
    },
  };
}

/** A JW323, for March 2026 (sent on 3 April) unless told otherwise; the total is debet minus credit unless given. */
function declaratie(opts: {
  identificatie: string;
  nummer: string;
  clients: { bsn: string; lines: Line[] }[];
  total?: number;
  period?: { Begindatum: string; Einddatum: string };
  dagtekening?: string;
}): Berichten["JW323"] {
  const clients = opts.clients.map((c) => ({
    Bsn: c.bsn,
    Prestaties: { Prestatie: c.lines.map(prestatie) },
  }));
  const total =
    opts.total ??
    clients
      .flatMap((c) => c.Prestaties.Prestatie)
      .reduce(
        (sum, p) => sum + (p.IngediendBedrag.DebetCredit === "C" ? -1 : 1) * p.IngediendBedrag.Bedrag,
        0,
      );
  const dagtekening = opts.dagtekening ?? "2026-04-03";
  return {
    Header: providerHeader(
      "JW323",
      { gemeente: GEMEENTE, agb: AGB },
      { identificatie: opts.identificatie, dagtekening },
    ),
    Declaratie: {
      DeclaratieNummer: opts.nummer,
      DeclaratiePeriode: opts.period ?? { Begindatum: "2026-03-01", Einddatum: "2026-03-31" },
      DeclaratieDagtekening: dagtekening,
      TotaalIngediendBedrag: { TotaalBedrag: Math.abs(total), DebetCredit: total < 0 ? "C" : "D" },
      Clienten: { Client: clients },
    },
  };
}

/** The same as XML. */
const declaratieXml = (opts: Parameters<typeof declaratie>[0]) => writeMessage("JW323", declaratie(opts));

const declareOn = exchangeContext("2026-04-06");

describe.each(engines)("a declaration (JW323 ⇒ JW325) on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  let nummer: number;

  const allocate = async (identificatie: string, who: string, ref: string) => {
    const vot = votXml({
      identificatie,
      dagtekening: "2026-03-02",
      bsn: who,
      products: [
        {
          ref,
          ...GGZ,
          start: "2026-03-09",
          end: "2026-12-31",
          omvang: { Volume: 2, Eenheid: "04", Frequentie: "2" },
        },
      ],
    });
    const outcome = await importMessage(store, bytes(vot), exchangeContext("2026-03-02"));
    expect(outcome.produced.map((p) => p.type)).toEqual(["JW316", "JW301"]);
    await markExported(
      store,
      (await pendingOutgoing(store)).map((m) => m.id),
    );
    const all = await listAllocations(store, {});
    return Number(all.at(-1)!.number.slice(1));
  };

  /** Imports a declaration and returns its outcome and the one JW325 it put in the outbox. */
  const declare = async (opts: Parameters<typeof declaratieXml>[0]) => {
    const outcome = await importMessage(store, bytes(declaratieXml(opts)), declareOn);
    const out = await outbox(store);
    expect(out.map((m) => m.type)).toEqual(["JW325"]);
    await markExported(
      store,
      out.map((m) => m.id),
    );
    return { outcome, answer: out[0]!.bericht as Berichten["JW325"] };
  };

  const codesOf = (answer: Berichten["JW325"]) =>
    (answer.DeclaratieAntwoord?.Clienten?.Client ?? []).flatMap((c) =>
      c.Prestaties.Prestatie.map((p) => [p.ProductReferentie.ReferentieNummer, p.RetourCodes.RetourCode]),
    );

  beforeEach(async () => {
    ({ store, done } = await freshStore(engine));
    await addGgzProvider(store);
    nummer = await allocate("VOT-1", bsn, "REF-1");
  });
  afterEach(() => done());

  it("fully approved: header 0200, DeclaratieAntwoord 8001, both totals equal, no prestaties listed", async () => {
    const { outcome, answer } = await declare({
      identificatie: "DEC-1",
      nummer: "D1",
      clients: [{ bsn, lines: [{ ref: "P1", nummer, volume: 6 }] }],
    });
    expect(outcome.status).toBe("verwerkt");
    expect(outcome.reasons[0]).toContain("toegekend (8001)");
    expect(answer.Header).toMatchObject({
      Afzender: GEMEENTE,
      Ontvanger: AGB,
      DeclaratieIdentificatie: { Identificatie: "DEC-1", Dagtekening: "2026-04-03" },
      XsdVersieDeclaratie: { BasisschemaXsdVersie: expect.any(String), BerichtXsdVersie: expect.any(String) },
      RetourCodes: { RetourCode: ["0200"] },
    });
    expect(answer.DeclaratieAntwoord).toEqual({
      DeclaratieNummer: "D1",
      TotaalIngediendBedrag: { TotaalBedrag: 69000, DebetCredit: "D" },
      TotaalToegekendBedrag: { TotaalBedrag: 69000, DebetCredit: "D" },
      RetourCodes: { RetourCode: ["8001"] },
    });
    const lines = await store.db.selectFrom("declaration_line").selectAll().execute();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      approved: true,
      amount: 69000,
      debit_credit: "D",
      municipality: GEMEENTE,
    });
    expect(lines[0]!.allocation_id).not.toBeNull();
  });

  it("partly rejected: only the rejected prestatie is listed with its code, granted = submitted − rejected", async () => {
    const { answer } = await declare({
      identificatie: "DEC-2",
      nummer: "D2",
      clients: [
        {
          bsn,
          lines: [
            { ref: "P1", nummer, volume: 6 },
            { ref: "P2", nummer, code: "54002", volume: 1 },
          ],
        },
      ],
    });
    expect(codesOf(answer)).toEqual([["P2", ["9340"]]]);
    expect(answer.DeclaratieAntwoord).toMatchObject({
      TotaalIngediendBedrag: { TotaalBedrag: 80500, DebetCredit: "D" },
      TotaalToegekendBedrag: { TotaalBedrag: 69000, DebetCredit: "D" },
      RetourCodes: { RetourCode: ["0200"] },
    });
    expect(answer.DeclaratieAntwoord!.Clienten!.Client[0]!.RetourCodes.RetourCode).toEqual(["0200"]);
  });

  it("a correction: the approved line is credited, then a new debet for the same month is approved", async () => {
    await declare({
      identificatie: "DEC-3",
      nummer: "D3",
      clients: [{ bsn, lines: [{ ref: "P1", nummer, volume: 6 }] }],
    });
    // Credit and new debet in one message: the credit counts, the debet waits for the next (TR316/TR389).
    const second = await declare({
      identificatie: "DEC-4",
      nummer: "D4",
      clients: [
        {
          bsn,
          lines: [
            { ref: "C1", vorig: "P1", nummer, volume: 6, credit: true },
            { ref: "P2", nummer, volume: 5 },
          ],
        },
      ],
    });
    expect(codesOf(second.answer)).toEqual([["P2", ["9389"]]]);
    expect(second.answer.DeclaratieAntwoord).toMatchObject({
      TotaalIngediendBedrag: { TotaalBedrag: 11500, DebetCredit: "C" },
      TotaalToegekendBedrag: { TotaalBedrag: 69000, DebetCredit: "C" },
    });
    const third = await declare({
      identificatie: "DEC-5",
      nummer: "D5",
      clients: [{ bsn, lines: [{ ref: "P3", nummer, volume: 5 }] }],
    });
    expect(third.answer.DeclaratieAntwoord!.RetourCodes.RetourCode).toEqual(["8001"]);
    const approved = await store.db
      .selectFrom("declaration_line")
      .select(["reference", "amount", "debit_credit"])
      .where("approved", "=", true)
      .orderBy("reference")
      .execute();
    const net = approved.reduce((sum, l) => sum + (l.debit_credit === "C" ? -l.amount : l.amount), 0);
    expect(approved.map((l) => l.reference)).toEqual(["C1", "P1", "P3"]);
    expect(net).toBe(5 * TARIFF);
  });

  it("a credit without a known debet is rejected with 8017", async () => {
    const { answer } = await declare({
      identificatie: "DEC-6",
      nummer: "D6",
      clients: [{ bsn, lines: [{ ref: "C9", vorig: "ONBEKEND", nummer, volume: 6, credit: true }] }],
    });
    expect(codesOf(answer)).toEqual([["C9", ["8017"]]]);
    expect(answer.DeclaratieAntwoord!.TotaalToegekendBedrag).toEqual({ TotaalBedrag: 0, DebetCredit: "D" });
  });

  it("a debet credited twice: the second credit is rejected with 9390", async () => {
    await declare({
      identificatie: "DEC-7",
      nummer: "D7",
      clients: [{ bsn, lines: [{ ref: "P1", nummer, volume: 6 }] }],
    });
    const credit = (ref: string) => ({ ref, vorig: "P1", nummer, volume: 6, credit: true });
    const first = await declare({
      identificatie: "DEC-8",
      nummer: "D8",
      clients: [{ bsn, lines: [credit("C1")] }],
    });
    expect(first.answer.DeclaratieAntwoord!.RetourCodes.RetourCode).toEqual(["8001"]);
    const again = await declare({
      identificatie: "DEC-9",
      nummer: "D9",
      clients: [{ bsn, lines: [credit("C2")] }],
    });
    expect(codesOf(again.answer)).toEqual([["C2", ["9390"]]]);
  });

  it("a product period outside the allocation gets 9307, and a begin that is not the allocation's start 9387", async () => {
    const { answer } = await declare({
      identificatie: "DEC-10",
      nummer: "D10",
      clients: [{ bsn, lines: [{ ref: "P1", nummer, volume: 6, begin: "2026-03-01", end: "2026-03-31" }] }],
    });
    expect(codesOf(answer)).toEqual([["P1", ["9307", "9387"]]]);
  });

  it("a product period after the allocation's end gets 9308 and the end rule 9388", async () => {
    const january = { Begindatum: "2027-01-01", Einddatum: "2027-01-31" };
    const { answer } = await declare({
      identificatie: "DEC-20",
      nummer: "D20",
      period: january,
      clients: [
        { bsn, lines: [{ ref: "P1", nummer, volume: 2, begin: january.Begindatum, end: january.Einddatum }] },
      ],
    });
    expect(codesOf(answer)[0]![1]).toEqual(expect.arrayContaining(["9308", "9388"]));
  });

  it("a product category other than the allocation's is rejected with 9339", async () => {
    const { answer } = await declare({
      identificatie: "DEC-21",
      nummer: "D21",
      clients: [{ bsn, lines: [{ ref: "P1", nummer, volume: 6, category: "45" }] }],
    });
    expect(codesOf(answer)).toEqual([["P1", ["9339"]]]);
  });

  it("a tariff other than the contract's is rejected with 0611", async () => {
    const { answer } = await declare({
      identificatie: "DEC-22",
      nummer: "D22",
      clients: [{ bsn, lines: [{ ref: "P1", nummer, volume: 6, tarief: 12000 }] }],
    });
    expect(codesOf(answer)).toEqual([["P1", ["0611"]]]);
  });

  it("a unit other than the allocation's is rejected with 9341", async () => {
    const { answer } = await declare({
      identificatie: "DEC-11",
      nummer: "D11",
      clients: [{ bsn, lines: [{ ref: "P1", nummer, volume: 360, unit: "01" }] }],
    });
    expect(codesOf(answer)).toEqual([["P1", ["9341"]]]);
  });

  it("more than the allocated volume: 9 hours where 4 calendar weeks × 2 hours allow 8 (9321)", async () => {
    const { answer } = await declare({
      identificatie: "DEC-12",
      nummer: "D12",
      clients: [{ bsn, lines: [{ ref: "P1", nummer, volume: 9 }] }],
    });
    // 9 to 31 March 2026 touches ISO weeks 11–14.
    expect(codesOf(answer)).toEqual([["P1", ["9321"]]]);
  });

  it("an unknown allocation number gets 9338, another client's allocation 8187, a used DeclaratieNummer 9333", async () => {
    const others = await allocate("VOT-2", otherBsn, "REF-2");
    const { answer } = await declare({
      identificatie: "DEC-13",
      nummer: "D13",
      clients: [
        {
          bsn,
          lines: [
            { ref: "P1", nummer: 4711, volume: 6 },
            { ref: "P2", nummer: others, volume: 6 },
          ],
        },
      ],
    });
    expect(codesOf(answer)).toEqual([
      ["P1", ["9338"]],
      ["P2", ["8187"]],
    ]);
    const reused = await declare({
      identificatie: "DEC-14",
      nummer: "D13",
      clients: [{ bsn, lines: [{ ref: "P3", nummer, volume: 6 }] }],
    });
    expect(reused.answer.DeclaratieAntwoord!.RetourCodes.RetourCode).toEqual(["9333"]);
    expect(codesOf(reused.answer)).toEqual([["P3", ["9333"]]]);
    expect(await store.db.selectFrom("declaration").select("number").execute()).toEqual([{ number: "D13" }]);
  });

  it("a broken in-message rule (total ≠ debet − credit) refuses the whole declaration with 0001 and keeps nothing", async () => {
    const { outcome, answer } = await declare({
      identificatie: "DEC-15",
      nummer: "D15",
      clients: [{ bsn, lines: [{ ref: "P1", nummer, volume: 6 }] }],
      total: 1,
    });
    expect(outcome.status).toBe("afgekeurd");
    expect(outcome.reasons[0]).toContain("TR358");
    expect(answer.Header.RetourCodes.RetourCode).toEqual(["0001"]);
    expect(answer.DeclaratieAntwoord).toBeUndefined();
    expect(await store.db.selectFrom("declaration").select("id").execute()).toEqual([]);
    // Corrected, the same numbers go through.
    const again = await declare({
      identificatie: "DEC-16",
      nummer: "D15",
      clients: [{ bsn, lines: [{ ref: "P1", nummer, volume: 6 }] }],
    });
    expect(again.answer.DeclaratieAntwoord!.RetourCodes.RetourCode).toEqual(["8001"]);
  });

  it("a class-level in-message code (9346: amount ≠ volume × tariff) rejects only that prestatie", async () => {
    const { outcome, answer } = await declare({
      identificatie: "DEC-17",
      nummer: "D17",
      clients: [
        {
          bsn,
          lines: [
            { ref: "P1", nummer, volume: 2, bedrag: 1 },
            { ref: "P2", nummer, volume: 4 },
          ],
        },
      ],
    });
    expect(outcome.status).toBe("verwerkt");
    expect(codesOf(answer)).toEqual([["P1", ["9346"]]]);
    expect(answer.DeclaratieAntwoord!.TotaalToegekendBedrag.TotaalBedrag).toBe(4 * TARIFF);
  });

  it("the same file twice has one effect: one JW325, one declaration", async () => {
    const file = bytes(
      declaratieXml({
        identificatie: "DEC-18",
        nummer: "D18",
        clients: [{ bsn, lines: [{ ref: "P1", nummer, volume: 6 }] }],
      }),
    );
    await importMessage(store, file, declareOn);
    const again = await importMessage(store, file, declareOn);
    expect(again.status).toBe("dubbel");
    expect(again.produced).toEqual([]);
    expect((await outbox(store)).map((m) => m.type)).toEqual(["JW325"]);
    expect(await store.db.selectFrom("declaration_line").select("reference").execute()).toEqual([
      { reference: "P1" },
    ]);
  });
});

describe("the volume a week allows (IV076/IV077) and the allocations that take no declaration", () => {
  const weekly = (over: Partial<AllocationFacts> = {}): AllocationFacts => ({
    nummer: 1,
    clientId: "c",
    category: "45",
    code: "45A03",
    start: "2025-07-07",
    end: "2025-09-07",
    volume: 3,
    unit: "04",
    frequency: "2",
    budget: null,
    taskBased: false,
    deleted: false,
    tariff: null,
    ...over,
  });

  it("effort-based: the calendar weeks each month touches, and the weeks of the whole allocation", () => {
    const a = weekly();
    expect(maxVolume(a, "2025-07-01", "2025-07-31")).toBe(12);
    expect(maxVolume(a, "2025-08-01", "2025-08-31")).toBe(15);
    expect(maxVolume(a, "2025-09-01", "2025-09-30")).toBe(3);
    expect(maxVolumeOverall(a)).toBe(27);
  });

  it("output-based: the Sundays, plus one week where the last Sunday falls when the allocation ends on another day", () => {
    const a = weekly({ end: "2025-09-05", unit: "83", volume: 30000 });
    expect(maxVolume(a, "2025-07-01", "2025-07-31")).toBe(90000);
    expect(maxVolume(a, "2025-08-01", "2025-08-31")).toBe(180000);
    expect(maxVolume(a, "2025-09-01", "2025-09-30")).toBe(0);
  });

  /** A JW323 for July 2025: one prestatie R of 45/45A03 on allocation 1. */
  const july = (volume: number, begin: string) =>
    declaratie({
      identificatie: "X",
      nummer: "X",
      period: { Begindatum: "2025-07-01", Einddatum: "2025-07-31" },
      dagtekening: "2025-08-05",
      clients: [
        {
          bsn,
          lines: [{ ref: "R", nummer: 1, category: "45", code: "45A03", volume, begin, end: "2025-07-31" }],
        },
      ],
    });

  /** The retour codes the judgement gives the one prestatie, with `a` the client's one allocation. */
  const codesFor = (
    bericht: Berichten["JW323"],
    a: AllocationFacts,
    earlier: Parameters<typeof judgeDeclaration>[1]["earlier"] = [],
  ) =>
    judgeDeclaration(bericht, {
      numberUsed: false,
      clientIds: ["c"],
      allocations: [a],
      earlier,
    }).prestaties[0]!.findings.map((f) => f.retourcode);

  it("a task-based allocation (9338) and one deleted with reden 13 (9384) take no declaration", () => {
    const codes = (a: AllocationFacts) => codesFor(july(0, "2025-07-07"), a);
    expect(codes(weekly())).toEqual([]);
    expect(codes(weekly({ taskBased: true }))).toEqual(["9338"]);
    expect(codes(weekly({ deleted: true }))).toEqual(["9384"]);
  });

  it("the sums: total volume over the allocation (9322), the budget (9369), and a reference used before (8021)", () => {
    const june = {
      referentie: "J",
      vorigReferentie: null,
      clientId: "c",
      toewijzingNummer: 1,
      category: "45",
      code: "45A03",
      begin: "2025-06-01",
      end: "2025-06-30",
      volume: 8,
      amount: 8 * TARIFF,
      credit: false,
      approved: true,
    };
    const codes = (a: AllocationFacts, volume: number, earlier = [june]) =>
      codesFor(july(volume, "2025-07-01"), a, earlier);
    const total = weekly({ start: "2025-06-01", frequency: "6", volume: 10 });
    expect(codes(total, 2)).toEqual([]);
    expect(codes(total, 3)).toEqual(["9322"]);
    const budget = weekly({
      start: "2025-06-01",
      volume: null,
      unit: null,
      frequency: null,
      budget: 10 * TARIFF,
    });
    expect(codes(budget, 2)).toEqual([]);
    expect(codes(budget, 3)).toEqual(["9369"]);
    expect(codes(total, 1, [june, { ...june, referentie: "R", approved: false }])).toEqual(["8021"]);
  });
});
