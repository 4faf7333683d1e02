import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readMessageOf } from "../src/ijw/codec.ts";
import { checkMessageRules, MESSAGE_RULES } from "../src/ijw/message-rules.ts";
import type { Berichten } from "../src/ijw/messages.generated.ts";
import type { MessageType } from "../src/ijw/xsd-model.ts";

/**
 * Every in-message rule: the valid example breaks none of them; one targeted change breaks exactly the
 * rule under test, on the class where it happens, with the retour code the standard gives it.
 */

const ctx = { today: "2026-11-22" };

function example<T extends MessageType>(type: T, variant = "volledig"): Berichten[T] {
  const xml = readFileSync(new URL(`./fixtures/ijw/${type}-${variant}.xml`, import.meta.url), "utf8");
  return readMessageOf(type, xml);
}

interface Case<T extends MessageType = MessageType> {
  type: T;
  variant?: string;
  breakIt: (b: Berichten[T]) => void;
  path: string;
}
const c = <T extends MessageType>(x: Case<T>) => x as unknown as Case;

const t301 = (b: Berichten["JW301"], i = 0) => b.Client.ToegewezenProducten.ToegewezenProduct[i]!;
const t315 = (b: Berichten["JW315"], i = 0) => b.Client.AangevraagdeProducten.AangevraagdProduct[i]!;
const p323 = (b: Berichten["JW323"], i = 0) => b.Declaratie.Clienten.Client[0]!.Prestaties.Prestatie[i]!;
const P301 = "Client/ToegewezenProducten/ToegewezenProduct";
const P315 = "Client/AangevraagdeProducten/AangevraagdProduct";
const P323 = "Declaratie/Clienten/Client[1]/Prestaties/Prestatie";

const CASES: Record<string, Case[]> = {
  CS002: [
    c({ type: "JW301", breakIt: (b) => void (b.Client.Bsn = "999990018"), path: "Client" }),
    c({
      type: "JW323",
      breakIt: (b) => void (b.Declaratie.Clienten.Client[1]!.Bsn = "123456789"),
      path: "Declaratie/Clienten/Client[2]",
    }),
  ],
  TR135: [
    c({
      type: "JW315",
      breakIt: (b) => void (b.Header.BerichtIdentificatie.Dagtekening = "2026-11-23"),
      path: "Header",
    }),
  ],
  CS139: [
    c({ type: "JW301", breakIt: (b) => void (b.Client.Geboortedatum.Datum = "2011-05-14"), path: "Client" }),
  ],
  TR002: [
    c({
      type: "JW305",
      breakIt: (b) => void (b.Client.Geboortedatum = { Datum: "1900-01-01" }),
      path: "Client",
    }),
  ],
  TR134: [
    c({
      type: "JW315",
      breakIt: (b) => void (b.Client.Geboortedatum = { Datum: "2026-12-01" }),
      path: "Client",
    }),
  ],
  CS050: [
    c({
      type: "JW301",
      breakIt: (b) => void (b.Client.Relaties!.Relatie[1]!.Naam.NaamGebruik = "6"),
      path: "Client/Relaties/Relatie[2]",
    }),
  ],
  CS003: [c({ type: "JW301", breakIt: (b) => void (t301(b).Einddatum = "2025-01-01"), path: `${P301}[1]` })],
  CD041: [c({ type: "JW315", breakIt: (b) => void delete t315(b).Omvang, path: `${P315}[1]` })],
  CD080: [
    c({
      type: "JW315",
      breakIt: (b) => {
        delete t315(b, 1).Budget;
        t315(b, 1).Omvang = { Volume: 1, Eenheid: "04", Frequentie: "6" };
      },
      path: `${P315}[2]`,
    }),
  ],
  CD077: [c({ type: "JW315", breakIt: (b) => void (t315(b).Budget = 1000), path: `${P315}[1]` })],
  CD079: [
    c({
      type: "JW315",
      breakIt: (b) => {
        delete t315(b, 1).Budget;
        delete t315(b, 1).Product;
      },
      path: `${P315}[2]`,
    }),
  ],
  CD075: [
    c({ type: "JW315", breakIt: (b) => void delete t315(b, 1).ToewijzingEinddatum, path: `${P315}[2]` }),
  ],
  CD076: [c({ type: "JW315", breakIt: (b) => void delete t315(b).ToewijzingEinddatum, path: `${P315}[1]` })],
  CS338: [
    c({
      type: "JW315",
      breakIt: (b) => void (t315(b).Omvang = { Volume: 1, Eenheid: "14", Frequentie: "1" }),
      path: `${P315}[1]`,
    }),
  ],
  CS335: [c({ type: "JW301", breakIt: (b) => void (t301(b).RedenWijziging = "13"), path: `${P301}[1]` })],
  CS336: [c({ type: "JW301", breakIt: (b) => void (t301(b).RedenWijziging = "01"), path: `${P301}[1]` })],
  CD043: [
    c({ type: "JW315", breakIt: (b) => void delete t315(b).BeschikkingIngangsdatum, path: `${P315}[1]` }),
  ],
  CD066: [
    c({
      type: "JW315",
      breakIt: (b) => void (t315(b).Verwijzer.Naam = "Huisartsenpraktijk Voorbeeld"),
      path: `${P315}[1]`,
    }),
  ],
  CD068: [
    c({
      type: "JW315",
      breakIt: (b) => void (t315(b).Verwijzer = { Type: "06", ZorgverlenerCode: "01234567" }),
      path: `${P315}[1]`,
    }),
  ],
  TR383: [
    c({
      type: "JW315",
      breakIt: (b) => void (t315(b, 1).ReferentieAanbieder = t315(b).ReferentieAanbieder),
      path: `${P315}[2]`,
    }),
  ],
  TR352: [
    c({
      type: "JW317",
      breakIt: (b) => {
        delete b.Client.Verzoek.OngewijzigdeProducten;
        delete b.Client.Verzoek.TeWijzigenProducten;
      },
      path: "Client/Verzoek",
    }),
  ],
  TR353: [
    c({
      type: "JW317",
      breakIt: (b) => {
        delete b.Client.Verzoek.NieuweProducten;
        delete b.Client.Verzoek.TeWijzigenProducten;
      },
      path: "Client/Verzoek",
    }),
  ],
  TR380: [
    c({
      type: "JW317",
      breakIt: (b) =>
        void (b.Client.Verzoek.NieuweProducten!.NieuwProduct[1]!.GewensteIngangsdatum =
          b.Header.BerichtIdentificatie.Dagtekening),
      path: "Client/Verzoek/NieuweProducten/NieuwProduct[2]",
    }),
  ],
  CD085: [c({ type: "JW319", breakIt: (b) => void (b.Antwoord.VerzoekAntwoord = "2"), path: "Antwoord" })],
  TR377: [c({ type: "JW319", breakIt: (b) => void delete b.Antwoord.Woonplaatsbeginsel, path: "Antwoord" })],
  CS058: [
    c({
      type: "JW307",
      breakIt: (b) => void (b.Client.StopProducten.StopProduct[0]!.StatusAanlevering = "2"),
      path: "Client/StopProducten/StopProduct[1]",
    }),
    c({
      type: "JW305",
      breakIt: (b) => void (b.Client.StartProducten.StartProduct[1]!.StatusAanlevering = "9"),
      path: "Client/StartProducten/StartProduct[2]",
    }),
  ],
  TR018: [
    c({
      type: "JW307",
      breakIt: (b) => {
        const stop = b.Client.StopProducten.StopProduct[0]!;
        stop.Einddatum = "2020-01-01";
      },
      path: "Client/StopProducten/StopProduct[1]",
    }),
  ],
  CS340: [
    c({
      type: "JW323",
      breakIt: (b) => void (b.Declaratie.DeclaratiePeriode.Einddatum = "2026-05-01"),
      path: "Declaratie",
    }),
  ],
  CS100: [
    c({
      type: "JW323",
      breakIt: (b) => {
        b.Declaratie.DeclaratiePeriode = { Begindatum: "2020-12-01", Einddatum: "2020-12-31" };
        for (const client of b.Declaratie.Clienten.Client)
          for (const p of client.Prestaties.Prestatie)
            p.ProductPeriode = { Begindatum: "2020-12-01", Einddatum: "2020-12-31" };
      },
      path: "Declaratie",
    }),
  ],
  CS337: [
    c({
      type: "JW323",
      breakIt: (b) => void (p323(b).ProductPeriode.Begindatum = "2026-03-31"),
      path: `${P323}[1]`,
    }),
  ],
  TR319: [
    c({
      type: "JW323",
      breakIt: (b) => void (p323(b).ProductPeriode = { Begindatum: "2026-05-01", Einddatum: "2026-05-31" }),
      path: `${P323}[1]`,
    }),
  ],
  CD087: [c({ type: "JW323", breakIt: (b) => void delete p323(b).ProductTarief, path: `${P323}[1]` })],
  TR346: [
    c({
      type: "JW323",
      breakIt: (b) => {
        p323(b).GeleverdVolume = 9;
      },
      path: `${P323}[1]`,
    }),
  ],
  CS339: [
    c({
      type: "JW323",
      breakIt: (b) => {
        const p = p323(b);
        p.Eenheid = "83";
        delete p.ProductTarief;
        p.GeleverdVolume = 1;
      },
      path: `${P323}[1]`,
    }),
  ],
  CS325: [
    c({
      type: "JW323",
      breakIt: (b) => {
        const p = p323(b, 2);
        p.GeleverdVolume = 0;
        p.IngediendBedrag.Bedrag = 0;
        b.Declaratie.TotaalIngediendBedrag.TotaalBedrag += 78800;
      },
      path: `${P323}[3]`,
    }),
  ],
  CD060: [
    c({
      type: "JW323",
      breakIt: (b) => void delete p323(b, 2).ProductReferentie.VorigReferentieNummer,
      path: `${P323}[3]`,
    }),
  ],
  TR358: [
    c({
      type: "JW323",
      breakIt: (b) => void (b.Declaratie.TotaalIngediendBedrag.TotaalBedrag += 1),
      path: "Declaratie",
    }),
  ],
};

describe("in-message rules of iJw 3.2", () => {
  it("every rule in the catalogue has a case here", () => {
    expect(Object.keys(CASES).sort()).toEqual(MESSAGE_RULES.map((r) => r.id).sort());
  });

  it("the examples break no rule", () => {
    for (const type of ["JW301", "JW305", "JW307", "JW315", "JW317", "JW319", "JW323"] as const)
      for (const variant of ["minimaal", "volledig"])
        expect(checkMessageRules(type, example(type, variant), ctx), `${type}-${variant}`).toEqual([]);
  });

  for (const rule of MESSAGE_RULES) {
    for (const [i, testCase] of (CASES[rule.id] ?? []).entries()) {
      it(`${rule.id} (${testCase.type}${i ? ` #${i + 1}` : ""}) gives ${rule.retourcode}: ${rule.text}`, () => {
        const bericht = example(testCase.type, testCase.variant);
        testCase.breakIt(bericht);
        const findings = checkMessageRules(testCase.type, bericht, ctx);
        expect(findings).toEqual([
          { rule: rule.id, retourcode: rule.retourcode, path: testCase.path, text: rule.text },
        ]);
      });
    }
  }
});
