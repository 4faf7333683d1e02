import { differenceInYears, endOfMonth, format, parseISO } from "date-fns";
import { isValidBsn } from "../domain/bsn.ts";
import type { IsoDate } from "../domain/dates.ts";
import type { Berichten, CDT_Omvang, CDT_Product, CDT_VolledigeNaam } from "./messages.generated.ts";
import type { MessageType } from "./xsd-model.ts";

/**
 * The in-message rules of iJw 3.2 (level 2: checked on one message on its own, after the XSD): the
 * constraints (CS), conditions (CD) and technical rules (TR) of the informatiemodel that need no other
 * message. Each rule names its source and the retour code it gives. Rules that the standard checks in
 * its XSLT give 0001 (technical rejection of the whole message); rules with a code of their own in
 * code list WJ001 give that code on the class concerned. Source of the texts:
 * ../shared/docs/ijw-3.2.md §2–§4 (paraphrasing informatiemodel iJw 3.2).
 */

export interface RuleFinding {
  rule: string;
  retourcode: string;
  /** Class path in the message, 1-based indices: "Client/ToegewezenProducten/ToegewezenProduct[2]". */
  path: string;
  text: string;
}

export interface RuleContext {
  /** The receiving system's date: a Dagtekening after it is refused (TR135). */
  today: IsoDate;
}

type AnyBericht = Berichten[MessageType];
interface Hit {
  path: string;
}

export interface MessageRule {
  id: string;
  retourcode: string;
  text: string;
  types: readonly MessageType[];
  check(bericht: AnyBericht, ctx: RuleContext, type: MessageType): Hit[];
}

export const XSLT_REJECTION = "0001";

/** Items of a repeating element with their class paths. */
function each<T>(items: T[] | undefined, path: string): [T, string][] {
  return (items ?? []).map((item, i) => [item, `${path}[${i + 1}]`]);
}

const HEEN_CLIENT_TYPES = ["JW301", "JW305", "JW307", "JW315", "JW317"] as const;

/** Every product-like class of a message: things with a period, a product, a volume or a budget. */
interface ProductView {
  path: string;
  product?: CDT_Product;
  /** False for a class that cannot carry a product at all (317 TeWijzigenProduct). */
  hasProduct: boolean;
  begin?: IsoDate;
  end?: IsoDate;
  omvang?: CDT_Omvang;
  budget?: number;
  redenWijziging?: string;
}

function products(type: MessageType, b: AnyBericht): ProductView[] {
  switch (type) {
    case "JW301":
      return each(
        (b as Berichten["JW301"]).Client.ToegewezenProducten.ToegewezenProduct,
        "Client/ToegewezenProducten/ToegewezenProduct",
      ).map(([p, path]) => ({
        path,
        product: p.Product,
        hasProduct: true,
        begin: p.Ingangsdatum,
        end: p.Einddatum,
        omvang: p.Omvang,
        budget: p.Budget,
        redenWijziging: p.RedenWijziging,
      }));
    case "JW315":
      return each(
        (b as Berichten["JW315"]).Client.AangevraagdeProducten.AangevraagdProduct,
        "Client/AangevraagdeProducten/AangevraagdProduct",
      ).map(([p, path]) => ({
        path,
        product: p.Product,
        hasProduct: true,
        begin: p.ToewijzingIngangsdatum,
        end: p.ToewijzingEinddatum,
        omvang: p.Omvang,
        budget: p.Budget,
      }));
    case "JW317": {
      const v = (b as Berichten["JW317"]).Client.Verzoek;
      return [
        ...each(
          v.TeWijzigenProducten?.TeWijzigenProduct,
          "Client/Verzoek/TeWijzigenProducten/TeWijzigenProduct",
        ).map(([p, path]) => ({
          path,
          hasProduct: false,
          begin: p.GewensteIngangsdatum,
          end: p.Einddatum,
          omvang: p.Omvang,
          budget: p.Budget,
        })),
        ...each(v.NieuweProducten?.NieuwProduct, "Client/Verzoek/NieuweProducten/NieuwProduct").map(
          ([p, path]) => ({
            path,
            product: p.Product,
            hasProduct: true,
            begin: p.GewensteIngangsdatum,
            end: p.Einddatum,
            omvang: p.Omvang,
            budget: p.Budget,
          }),
        ),
      ];
    }
    default:
      return [];
  }
}

const PRODUCT_TYPES = ["JW301", "JW315", "JW317"] as const;

function clientsWithBsn(type: MessageType, b: AnyBericht): { bsn: string; path: string }[] {
  if ((HEEN_CLIENT_TYPES as readonly string[]).includes(type)) {
    return [{ bsn: (b as Berichten["JW301"]).Client.Bsn, path: "Client" }];
  }
  if (type === "JW323")
    return each((b as Berichten["JW323"]).Declaratie.Clienten.Client, "Declaratie/Clienten/Client").map(
      ([c, path]) => ({ bsn: c.Bsn, path }),
    );
  return [];
}

const birthDates = (type: MessageType, b: AnyBericht) =>
  type === "JW323" || type === "JW317"
    ? []
    : (HEEN_CLIENT_TYPES as readonly string[]).includes(type)
      ? [{ g: (b as Berichten["JW301"]).Client.Geboortedatum, path: "Client" }]
      : [];

const dagtekening = (b: AnyBericht) => b.Header.BerichtIdentificatie.Dagtekening;

function prestaties(bericht: AnyBericht) {
  const b = bericht as Berichten["JW323"];
  return each(b.Declaratie.Clienten.Client, "Declaratie/Clienten/Client").flatMap(([c, cp]) =>
    each(c.Prestaties.Prestatie, `${cp}/Prestaties/Prestatie`),
  );
}

const monthOf = (d: IsoDate) => d.slice(0, 7);
const firstOfMonth = (d: IsoDate) => `${monthOf(d)}-01`;
const lastDayOfMonth = (d: IsoDate) => format(endOfMonth(parseISO(d)), "yyyy-MM-dd");
const NOT_PER_DAY_UNITS = new Set(["14", "16", "83", "84"]);

/** A rule over every product-like class (301 toegewezen, 315 aangevraagd, 317 te wijzigen/nieuw). */
function productRule(
  id: string,
  retourcode: string,
  text: string,
  types: readonly MessageType[],
  broken: (p: ProductView) => boolean,
): MessageRule {
  return {
    id,
    retourcode,
    text,
    types,
    check: (b, _ctx, type) =>
      products(type, b)
        .filter(broken)
        .map(({ path }) => ({ path })),
  };
}

const hitsWhere = <T>(items: [T, string][], broken: (item: T) => boolean): Hit[] =>
  items.filter(([item]) => broken(item)).map(([, path]) => ({ path }));

const declaratie = (b: AnyBericht) => (b as Berichten["JW323"]).Declaratie;
const signed = (x: { Bedrag?: number; TotaalBedrag?: number; DebetCredit: string }) =>
  (x.Bedrag ?? x.TotaalBedrag ?? 0) * (x.DebetCredit === "C" ? -1 : 1);

export const MESSAGE_RULES: MessageRule[] = [
  {
    id: "CS002",
    retourcode: XSLT_REJECTION,
    text: "Een BSN moet voldoen aan de elfproef.",
    types: [...HEEN_CLIENT_TYPES, "JW323"],
    check: (b, _ctx, type) =>
      clientsWithBsn(type, b)
        .filter((c) => !isValidBsn(c.bsn))
        .map(({ path }) => ({ path })),
  },
  {
    id: "TR135",
    retourcode: "8848",
    text: "De dagtekening van het bericht mag niet na de datum van ontvangst liggen.",
    types: ["JW301", "JW305", "JW307", "JW315", "JW317", "JW319", "JW323"],
    check: (b, ctx) => (dagtekening(b) > ctx.today ? [{ path: "Header" }] : []),
  },
  {
    id: "CS139",
    retourcode: XSLT_REJECTION,
    text:
      "Een geboortedatum met DatumGebruik moet de onbekende delen invullen met 01 (dag, maand) of 1900 (jaar): " +
      "code 1 ⇒ jjjj-mm-01, code 2 ⇒ jjjj-01-01, code 3 ⇒ 1900-01-01.",
    types: HEEN_CLIENT_TYPES,
    check: (b, _ctx, type) =>
      birthDates(type, b)
        .filter(({ g }) => {
          const [, m, d] = g.Datum.split("-");
          if (g.DatumGebruik === "1") return d !== "01";
          if (g.DatumGebruik === "2") return m !== "01" || d !== "01";
          if (g.DatumGebruik === "3") return g.Datum !== "1900-01-01";
          return false;
        })
        .map(({ path }) => ({ path })),
  },
  {
    id: "TR002",
    retourcode: XSLT_REJECTION,
    text: "Een geboortedatum mag niet meer dan 120 jaar voor de dagtekening liggen, tenzij de datum onbekend is.",
    types: HEEN_CLIENT_TYPES,
    check: (b, _ctx, type) =>
      birthDates(type, b)
        .filter(
          ({ g }) =>
            g.DatumGebruik !== "3" && differenceInYears(parseISO(dagtekening(b)), parseISO(g.Datum)) > 120,
        )
        .map(({ path }) => ({ path })),
  },
  {
    id: "TR134",
    retourcode: XSLT_REJECTION,
    text: "Een geboortedatum mag niet na de dagtekening van het bericht liggen.",
    types: HEEN_CLIENT_TYPES,
    check: (b, _ctx, type) =>
      birthDates(type, b)
        .filter(({ g }) => g.Datum > dagtekening(b))
        .map(({ path }) => ({ path })),
  },
  {
    id: "CS050",
    retourcode: XSLT_REJECTION,
    text: "NaamGebruik 1 t/m 4 hoort bij een naam met partnernaam; zonder partnernaam is het 1 of 6.",
    types: ["JW301"],
    check: (b) => {
      const c = (b as Berichten["JW301"]).Client;
      const names: [CDT_VolledigeNaam, string][] = [
        [c.Naam, "Client"],
        ...each(c.Relaties?.Relatie, "Client/Relaties/Relatie").map(
          ([r, path]) => [r.Naam, path] as [CDT_VolledigeNaam, string],
        ),
      ];
      return hitsWhere(names, (n) =>
        n.Partnernaam ? !["1", "2", "3", "4"].includes(n.NaamGebruik) : !["1", "6"].includes(n.NaamGebruik),
      );
    },
  },
  productRule(
    "CS003",
    XSLT_REJECTION,
    "Een einddatum mag niet voor de ingangsdatum liggen.",
    PRODUCT_TYPES,
    (p) => p.begin !== undefined && p.end !== undefined && p.end < p.begin,
  ),
  productRule(
    "CD041",
    "9411",
    "Als de productcode gevuld is, moet Omvang gevuld zijn (TR411).",
    PRODUCT_TYPES,
    (p) => p.product?.Code !== undefined && p.omvang === undefined,
  ),
  productRule(
    "CD080",
    "9412",
    "Als de productcode leeg is, moet Omvang leeg zijn (TR412).",
    PRODUCT_TYPES,
    (p) => p.hasProduct && p.product?.Code === undefined && p.omvang !== undefined,
  ),
  productRule(
    "CD077",
    XSLT_REJECTION,
    "Omvang en Budget mogen niet allebei gevuld zijn.",
    PRODUCT_TYPES,
    (p) => p.omvang !== undefined && p.budget !== undefined,
  ),
  productRule(
    "CD079",
    XSLT_REJECTION,
    "Als Budget leeg is, moet Product gevuld zijn.",
    ["JW301", "JW315"],
    (p) => p.budget === undefined && p.product === undefined,
  ),
  productRule(
    "CD075",
    XSLT_REJECTION,
    "Als Budget gevuld is, moet de einddatum gevuld zijn.",
    PRODUCT_TYPES,
    (p) => p.budget !== undefined && p.end === undefined,
  ),
  productRule(
    "CD076",
    XSLT_REJECTION,
    "Als de frequentie 'per week' (2) is, moet de einddatum gevuld zijn.",
    PRODUCT_TYPES,
    (p) => p.omvang?.Frequentie === "2" && p.end === undefined,
  ),
  productRule(
    "CS338",
    XSLT_REJECTION,
    "Bij eenheid etmaal (14), dagdeel (16), euro's (83) of stuks inspanning (84) moet de frequentie per week (2), " +
      "per maand (4) of totaal binnen de geldigheidsduur (6) zijn.",
    PRODUCT_TYPES,
    (p) =>
      p.omvang !== undefined &&
      NOT_PER_DAY_UNITS.has(p.omvang.Eenheid) &&
      !["2", "4", "6"].includes(p.omvang.Frequentie) &&
      (p.end === undefined || p.end > "2020-12-31"),
  ),
  productRule(
    "CS335",
    XSLT_REJECTION,
    "RedenWijziging 13 (verwijderd) mag alleen als de einddatum gelijk is aan de ingangsdatum.",
    ["JW301"],
    (p) => p.redenWijziging === "13" && p.end !== p.begin,
  ),
  productRule(
    "CS336",
    XSLT_REJECTION,
    "RedenWijziging 01 (administratieve correctie, vervallen) mag niet meer gebruikt worden.",
    ["JW301"],
    (p) => p.redenWijziging === "01",
  ),
  {
    id: "CD043",
    retourcode: XSLT_REJECTION,
    text: "Als BeschikkingNummer gevuld is, moet BeschikkingIngangsdatum gevuld zijn.",
    types: ["JW315"],
    check: (b) =>
      hitsWhere(
        aangevraagd(b),
        (p) => p.BeschikkingNummer !== undefined && p.BeschikkingIngangsdatum === undefined,
      ),
  },
  {
    id: "CD066",
    retourcode: XSLT_REJECTION,
    text:
      "Bij verwijzer huisarts, jeugdarts, gecertificeerde instelling of medisch specialist (02–05) moet precies één " +
      "van Naam en ZorgverlenerCode gevuld zijn.",
    types: ["JW315"],
    check: (b) =>
      hitsWhere(
        aangevraagd(b),
        (p) =>
          ["02", "03", "04", "05"].includes(p.Verwijzer.Type) &&
          (p.Verwijzer.Naam === undefined) === (p.Verwijzer.ZorgverlenerCode === undefined),
      ),
  },
  {
    id: "CD068",
    retourcode: XSLT_REJECTION,
    text: "Bij een ander type verwijzer dan 02–05 mag ZorgverlenerCode niet gevuld zijn.",
    types: ["JW315"],
    check: (b) =>
      hitsWhere(
        aangevraagd(b),
        (p) =>
          !["02", "03", "04", "05"].includes(p.Verwijzer.Type) && p.Verwijzer.ZorgverlenerCode !== undefined,
      ),
  },
  {
    id: "TR383",
    retourcode: XSLT_REJECTION,
    text: "ReferentieAanbieder moet binnen het bericht uniek zijn.",
    types: ["JW315"],
    check: (b) => {
      const seen = new Set<string>();
      return hitsWhere(aangevraagd(b), (p) => {
        const dup = seen.has(p.ReferentieAanbieder);
        seen.add(p.ReferentieAanbieder);
        return dup;
      });
    },
  },
  {
    id: "TR352",
    retourcode: XSLT_REJECTION,
    text: "Een verzoek om wijziging noemt minstens één ongewijzigd of te wijzigen product.",
    types: ["JW317"],
    check: (b) => {
      const v = (b as Berichten["JW317"]).Client.Verzoek;
      return v.OngewijzigdeProducten || v.TeWijzigenProducten ? [] : [{ path: "Client/Verzoek" }];
    },
  },
  {
    id: "TR353",
    retourcode: XSLT_REJECTION,
    text: "Een verzoek om wijziging noemt minstens één te wijzigen of nieuw product.",
    types: ["JW317"],
    check: (b) => {
      const v = (b as Berichten["JW317"]).Client.Verzoek;
      return v.TeWijzigenProducten || v.NieuweProducten ? [] : [{ path: "Client/Verzoek" }];
    },
  },
  {
    id: "TR380",
    retourcode: XSLT_REJECTION,
    text: "De gewenste ingangsdatum van een nieuw product moet na de dagtekening van het bericht liggen.",
    types: ["JW317"],
    check: (b) =>
      hitsWhere(
        each(
          (b as Berichten["JW317"]).Client.Verzoek.NieuweProducten?.NieuwProduct,
          "Client/Verzoek/NieuweProducten/NieuwProduct",
        ),
        (p) => p.GewensteIngangsdatum <= dagtekening(b),
      ),
  },
  {
    id: "CD085",
    retourcode: XSLT_REJECTION,
    text: "Bij VerzoekAntwoord 1 (afgewezen) moet een reden van afwijzing gevuld zijn; bij 2 (in onderzoek) mag die er niet zijn.",
    types: ["JW319"],
    check: (b) => {
      const a = (b as Berichten["JW319"]).Antwoord;
      return (a.VerzoekAntwoord === "1") !== (a.RedenAfwijzingVerzoek !== undefined)
        ? [{ path: "Antwoord" }]
        : [];
    },
  },
  {
    id: "TR377",
    retourcode: XSLT_REJECTION,
    text: "Bij reden van afwijzing 8 (woonplaatsbeginsel) moet de verantwoordelijke gemeente gevuld zijn, en anders niet.",
    types: ["JW319"],
    check: (b) => {
      const a = (b as Berichten["JW319"]).Antwoord;
      return (a.RedenAfwijzingVerzoek === "8") !== (a.Woonplaatsbeginsel !== undefined)
        ? [{ path: "Antwoord" }]
        : [];
    },
  },
  {
    id: "CS058",
    retourcode: XSLT_REJECTION,
    text: "StatusAanlevering in een start- of stopbericht is 1 (eerste aanlevering) of 3 (verwijderen).",
    types: ["JW305", "JW307"],
    check: (b, _ctx, type) =>
      hitsWhere(startStopProducts(type, b), (p) => !["1", "3"].includes(p.StatusAanlevering)),
  },
  {
    id: "TR018",
    retourcode: XSLT_REJECTION,
    text: "De einddatum van een stop mag niet voor de begindatum liggen.",
    types: ["JW307"],
    check: (b, _ctx, type) =>
      hitsWhere(startStopProducts(type, b), (p) =>
        p.Einddatum !== undefined ? p.Einddatum < p.Begindatum : false,
      ),
  },
  {
    id: "CS340",
    retourcode: XSLT_REJECTION,
    text: "De declaratieperiode is precies één kalendermaand.",
    types: ["JW323"],
    check: (b) => {
      const p = declaratie(b).DeclaratiePeriode;
      return p.Begindatum === firstOfMonth(p.Begindatum) && p.Einddatum === lastDayOfMonth(p.Begindatum)
        ? []
        : [{ path: "Declaratie" }];
    },
  },
  {
    id: "CS100",
    retourcode: XSLT_REJECTION,
    text: "De declaratieperiode begint op of na 1 januari 2021.",
    types: ["JW323"],
    check: (b) => (declaratie(b).DeclaratiePeriode.Begindatum < "2021-01-01" ? [{ path: "Declaratie" }] : []),
  },
  {
    id: "CS337",
    retourcode: XSLT_REJECTION,
    text: "De productperiode van een prestatie ligt binnen één kalendermaand, met de einddatum niet voor de begindatum.",
    types: ["JW323"],
    check: (b) =>
      hitsWhere(
        prestaties(b),
        (p) =>
          monthOf(p.ProductPeriode.Begindatum) !== monthOf(p.ProductPeriode.Einddatum) ||
          p.ProductPeriode.Einddatum < p.ProductPeriode.Begindatum,
      ),
  },
  {
    id: "TR319",
    retourcode: "9319",
    // Late declarations of an earlier month are allowed (OP354), so a product period may lie before the
    // declaration period; it may not lie after it.
    text: "De productperiode van een prestatie ligt niet na de declaratieperiode.",
    types: ["JW323"],
    check: (b) => {
      const d = declaratie(b).DeclaratiePeriode;
      return hitsWhere(prestaties(b), (p) => p.ProductPeriode.Einddatum > d.Einddatum);
    },
  },
  {
    id: "CD087",
    retourcode: XSLT_REJECTION,
    text: "ProductTarief is gevuld, behalve bij eenheid euro's (83).",
    types: ["JW323"],
    check: (b) => hitsWhere(prestaties(b), (p) => (p.Eenheid === "83") === (p.ProductTarief !== undefined)),
  },
  {
    id: "TR346",
    retourcode: "9346",
    text: "Het ingediende bedrag is het geleverde volume maal het producttarief.",
    types: ["JW323"],
    check: (b) =>
      hitsWhere(
        prestaties(b),
        (p) =>
          p.Eenheid !== "83" &&
          p.ProductTarief !== undefined &&
          p.IngediendBedrag.Bedrag !== Math.round(p.GeleverdVolume * p.ProductTarief),
      ),
  },
  {
    id: "CS339",
    retourcode: XSLT_REJECTION,
    text: "Bij eenheid euro's (83) is het ingediende bedrag gelijk aan het geleverde volume.",
    types: ["JW323"],
    check: (b) =>
      hitsWhere(prestaties(b), (p) => p.Eenheid === "83" && p.IngediendBedrag.Bedrag !== p.GeleverdVolume),
  },
  {
    id: "CS325",
    retourcode: XSLT_REJECTION,
    text: "Een bedrag van 0 is debet (D).",
    types: ["JW323"],
    check: (b) => [
      ...hitsWhere(
        prestaties(b),
        (p) => p.IngediendBedrag.Bedrag === 0 && p.IngediendBedrag.DebetCredit !== "D",
      ),
      ...(declaratie(b).TotaalIngediendBedrag.TotaalBedrag === 0 &&
      declaratie(b).TotaalIngediendBedrag.DebetCredit !== "D"
        ? [{ path: "Declaratie" }]
        : []),
    ],
  },
  {
    id: "CD060",
    retourcode: XSLT_REJECTION,
    text: "Bij een creditregel is VorigReferentieNummer gevuld.",
    types: ["JW323"],
    check: (b) =>
      hitsWhere(
        prestaties(b),
        (p) =>
          p.IngediendBedrag.DebetCredit === "C" && p.ProductReferentie.VorigReferentieNummer === undefined,
      ),
  },
  {
    id: "TR358",
    retourcode: XSLT_REJECTION,
    text: "Het totaal ingediende bedrag is de som van de debetbedragen min de som van de creditbedragen.",
    types: ["JW323"],
    check: (b) => {
      const total = prestaties(b).reduce((sum, [p]) => sum + signed(p.IngediendBedrag), 0);
      return total === signed(declaratie(b).TotaalIngediendBedrag) ? [] : [{ path: "Declaratie" }];
    },
  },
];

function aangevraagd(b: AnyBericht) {
  return each(
    (b as Berichten["JW315"]).Client.AangevraagdeProducten.AangevraagdProduct,
    "Client/AangevraagdeProducten/AangevraagdProduct",
  );
}

interface StartStopView {
  StatusAanlevering: string;
  Begindatum: string;
  Einddatum?: string;
}

function startStopProducts(type: MessageType, b: AnyBericht): [StartStopView, string][] {
  if (type === "JW305")
    return each(
      (b as Berichten["JW305"]).Client.StartProducten.StartProduct,
      "Client/StartProducten/StartProduct",
    );
  return each((b as Berichten["JW307"]).Client.StopProducten.StopProduct, "Client/StopProducten/StopProduct");
}

/** Every in-message rule that applies to this message type and is broken, in catalogue order. */
export function checkMessageRules(type: MessageType, bericht: AnyBericht, ctx: RuleContext): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const rule of MESSAGE_RULES) {
    if (!rule.types.includes(type)) continue;
    for (const hit of rule.check(bericht, ctx, type))
      findings.push({ rule: rule.id, retourcode: rule.retourcode, path: hit.path, text: rule.text });
  }
  return findings;
}
