/**
 * The monitoring reports of design.md §7 (issue 8, item 2): their names, titles, columns and notes, and
 * the small-cell rule, as data. The store (src/store/reports.ts) fills the rows with SQL; this file turns
 * them into a report that the CLI, the API and the exports show alike. Pure: no I/O.
 */

export const REPORT_NAMES = [
  "per-regio",
  "per-gemeente",
  "per-segment",
  "per-subsegment",
  "per-zorgvorm",
  "per-aanbieder",
  "per-maand",
  "per-segment-per-maand",
  "budget-taakgericht",
  "pxq",
  "wachttijd",
  "duur",
  "unieke-clienten",
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const isReportName = (name: string): name is ReportName =>
  (REPORT_NAMES as readonly string[]).includes(name);

/** Counts from 1 to SMALL_CELL - 1 are hidden, so a small figure does not point at a child. */
export const SMALL_CELL = 5;

export type CellValue = string | number | null;
export type ReportRow = Record<string, CellValue>;

/**
 * - tekst: a key or label;
 * - aantal: a count of children or allocations (hidden from 1 to SMALL_CELL - 1);
 * - bedrag: euro; dagen: days; aandeel: a percentage; getal: any other number.
 */
export type ColumnKind = "tekst" | "aantal" | "bedrag" | "dagen" | "aandeel" | "getal";

export interface Column {
  id: string;
  titel: string;
  soort: ColumnKind;
  /** false: the figure is not about children (a budget ceiling), so it is never hidden. */
  overKinderen?: boolean;
}

export interface Report {
  naam: ReportName;
  titel: string;
  jaar: number;
  /** null: all regions */
  regio: string | null;
  /** The day the report was made for: open-ended allocations run to it, months before it are "over". */
  peildatum: string;
  kleinsteAantal: number;
  kolommen: Column[];
  rijen: ReportRow[];
  /** Where the figures come from and what they do not say, in plain Dutch. */
  toelichting: string[];
}

export interface ReportQuery {
  year: number;
  regionId?: string | null;
  /** Default: today. */
  asOf: string;
}

const text = (id: string, titel: string): Column => ({ id, titel, soort: "tekst" });
const count = (id: string, titel: string): Column => ({ id, titel, soort: "aantal" });
const money = (id: string, titel: string, overKinderen = true): Column => ({
  id,
  titel,
  soort: "bedrag",
  ...(overKinderen ? {} : { overKinderen: false }),
});

const volumeColumns = [
  count("clienten", "Cliënten (uniek)"),
  count("toewijzingen", "Toewijzingen"),
  money("uitgaven", "Uitgaven P × Q (declaraties, euro)"),
];

const volumeNote = [
  "Cliënten en toewijzingen: toewijzingen die in het jaar (of de maand) lopen; een cliënt telt één keer per rij, ook met meer toewijzingen. Een cliënt met alleen een declaratie in de rij telt ook mee.",
  "Uitgaven: goedgekeurde declaratieregels (volume × tarief) met een periode die in het jaar begint; creditregels tellen negatief. Taakgerichte segmenten declareren niet: hun uitgaven staan in het rapport budget-taakgericht.",
];

export interface ReportDefinition {
  titel: string;
  kolommen: Column[];
  toelichting: string[];
}

export const REPORTS: Record<ReportName, ReportDefinition> = {
  "per-regio": {
    titel: "Cliënten, toewijzingen en uitgaven per regio",
    kolommen: [text("regio", "Regio"), ...volumeColumns],
    toelichting: volumeNote,
  },
  "per-gemeente": {
    titel: "Cliënten, toewijzingen en uitgaven per gemeente",
    kolommen: [text("gemeente", "Gemeente (CBS)"), text("gemeenteNaam", "Gemeente"), ...volumeColumns],
    toelichting: volumeNote,
  },
  "per-segment": {
    titel: "Cliënten, toewijzingen en uitgaven per segment",
    kolommen: [
      text("regio", "Regio"),
      text("segment", "Segment"),
      text("bekostiging", "Bekostiging"),
      ...volumeColumns,
    ],
    toelichting: volumeNote,
  },
  "per-subsegment": {
    titel: "Cliënten, toewijzingen en uitgaven per subsegment",
    kolommen: [
      text("regio", "Regio"),
      text("segment", "Segment"),
      text("subsegment", "Subsegment"),
      ...volumeColumns,
    ],
    toelichting: [
      ...volumeNote,
      "Het subsegment komt uit het regiomodel (het product van de toewijzing). Heeft het product daar geen subsegment, dan staat er '(geen subsegment in het regiomodel)'.",
    ],
  },
  "per-zorgvorm": {
    titel: "Cliënten, toewijzingen en uitgaven per zorgvorm",
    kolommen: [text("zorgvorm", "Zorgvorm"), ...volumeColumns],
    toelichting: [
      ...volumeNote,
      "De zorgvormen komen uit het regiomodel (careForms van het product). Een product kan meer zorgvormen hebben: dan telt de toewijzing bij elk ervan, en tellen de rijen samen op tot meer dan het totaal.",
    ],
  },
  "per-aanbieder": {
    titel: "Cliënten, toewijzingen en uitgaven per aanbieder",
    kolommen: [text("aanbieder", "Aanbieder (AGB)"), text("aanbiederNaam", "Aanbieder"), ...volumeColumns],
    toelichting: volumeNote,
  },
  "per-maand": {
    titel: "Cliënten, toewijzingen en uitgaven per maand",
    kolommen: [text("maand", "Maand"), ...volumeColumns],
    toelichting: [
      ...volumeNote,
      "Per maand: toewijzingen die in die maand lopen, en declaratieregels waarvan de periode in die maand begint. Een cliënt telt in elke maand mee: de maanden tellen niet op tot het jaar.",
    ],
  },
  "per-segment-per-maand": {
    titel: "Cliënten, toewijzingen en uitgaven per segment per maand",
    kolommen: [text("regio", "Regio"), text("segment", "Segment"), text("maand", "Maand"), ...volumeColumns],
    toelichting: [
      ...volumeNote,
      "Per segment en maand: toewijzingen van dat segment die in die maand lopen, en declaratieregels waarvan de periode in die maand begint. Een cliënt telt in elke maand mee en in elk segment waar hij hulp krijgt.",
    ],
  },
  "budget-taakgericht": {
    titel: "Taakgericht budget tegen het budgetplafond, met prognose tot het einde van het jaar",
    kolommen: [
      text("regio", "Regio"),
      text("segment", "Segment"),
      text("maand", "Maand"),
      text("soort", "Soort"),
      money("plafond", "Budgetplafond per jaar (euro)", false),
      money("betaald", "Betaald (vast bedrag, euro)", false),
      money("betaaldCumulatief", "Betaald tot en met de maand (euro)", false),
      count("clienten", "Cliënten (uniek)"),
      count("toewijzingen", "Toewijzingen"),
      { id: "zorgdagen", titel: "Zorgdagen", soort: "dagen" },
      { id: "zorgdagenCumulatief", titel: "Zorgdagen tot en met de maand", soort: "dagen" },
      money("bedragPerZorgdag", "Bedrag per zorgdag (euro)"),
    ],
    toelichting: [
      "Taakgericht: de regio betaalt de coalitie een vast bedrag per jaar (het budgetplafond uit het regiomodel). Er zijn geen declaraties. Wegwijzer rekent het plafond in 12 gelijke delen per maand, met het plafond dat op de eerste dag van de maand geldt. De prognose van het betaalde bedrag is dus het plafond.",
      "Wat wel verandert, is hoeveel zorg dat bedrag koopt: zorgdagen zijn de dagen dat toewijzingen in het segment lopen. De prognose van de zorgdagen voor de maanden die nog komen is het gemiddelde per dag van de maanden die voorbij zijn. Bedrag per zorgdag = betaald (prognose jaar) / zorgdagen (prognose jaar).",
      "Een maand is voorbij als de peildatum in een latere maand ligt.",
    ],
  },
  pxq: {
    titel: "Uitgaven P × Q uit declaraties per segment en product",
    kolommen: [
      text("regio", "Regio"),
      text("segment", "Segment"),
      text("product", "Product"),
      text("eenheid", "Eenheid (WJ756)"),
      count("clienten", "Cliënten (uniek)"),
      count("regels", "Declaratieregels"),
      { id: "volume", titel: "Volume (Q)", soort: "getal" },
      money("gemiddeldTarief", "Gemiddeld tarief (P, euro)"),
      money("bedrag", "Bedrag gedeclareerd (euro)"),
      money("volumeMaalTarief", "Volume × tarief (euro)"),
    ],
    toelichting: [
      "Goedgekeurde declaratieregels met een periode die in het jaar begint; creditregels tellen negatief. Gemiddeld tarief = bedrag / volume.",
      "Bedrag gedeclareerd en volume × tarief zijn gelijk als elke regel klopt; een verschil wijst op een regel zonder tarief of met een afwijkend bedrag.",
    ],
  },
  wachttijd: {
    titel: "Wachttijd van aanmelding tot start van de zorg",
    kolommen: [
      text("regio", "Regio"),
      text("segment", "Segment"),
      count("starts", "Starts"),
      count("clienten", "Cliënten (uniek)"),
      { id: "mediaan", titel: "Mediaan (dagen)", soort: "dagen" },
      { id: "p90", titel: "90e percentiel (dagen)", soort: "dagen" },
      text("norm", "Norm"),
      count("binnenNorm", "Starts binnen de norm"),
      { id: "aandeelBinnenNorm", titel: "Aandeel binnen de norm (%)", soort: "aandeel" },
    ],
    toelichting: [
      "Wachttijd = de eerste startdatum van de zorg (startmelding, niet ingetrokken) min de aanmelddatum van de verwijzing, in dagen; per toewijzing met een verwijzing en een start in het jaar. Mediaan en 90e percentiel met percentile_cont (tussen twee waarden in wordt geïnterpoleerd).",
      "De norm komt uit het regiomodel: de termijn van het segment die loopt vanaf de aanmelding (hart-van-brabant segment 1: 'De start van de zorg is na aanmelding niet langer dan 6 weken', P6W). Binnen de norm: start op of voor aanmelddatum + termijn.",
      "Starts van taakgerichte zorg zonder toewijzing (alleen product en begindatum) tellen niet mee.",
    ],
  },
  duur: {
    titel: "Duur van toewijzingen tegen de maximale duur",
    kolommen: [
      text("regio", "Regio"),
      text("segment", "Segment"),
      text("product", "Product"),
      text("maximum", "Maximale duur"),
      count("clienten", "Cliënten (uniek)"),
      count("toewijzingen", "Toewijzingen"),
      count("langer", "Langer dan het maximum"),
      count("bijna", "Bijna aan het maximum (90% of meer)"),
      count("binnen", "Binnen het maximum (minder dan 90%)"),
    ],
    toelichting: [
      "Toewijzingen die in het jaar lopen. Duur = van de startdatum tot de einddatum van de toewijzing (zonder einddatum: tot de peildatum). Het maximum komt uit het regiomodel: maxDuration van het product, anders van het segment.",
      "Bijna: 90% of meer van het maximum, maar niet langer. De grens van 90% is een keuze van Wegwijzer (zoals marge-bijna-vuistregel), geen beleid van de regio.",
      "Zonder maximum in het model ('geen') staan langer, bijna en binnen leeg.",
    ],
  },
  "unieke-clienten": {
    titel: "Unieke cliënten per aanbieder per segment per jaar",
    kolommen: [
      text("regio", "Regio"),
      text("aanbieder", "Aanbieder (AGB)"),
      text("aanbiederNaam", "Aanbieder"),
      text("segment", "Segment"),
      count("clienten", "Cliënten (uniek)"),
      count("toewijzingen", "Toewijzingen"),
    ],
    toelichting: [
      "Cliënten met een toewijzing aan de aanbieder in het segment die in het jaar loopt. Dit is het kwantitatieve criterium voor strategische partners (een-10-voor-de-jeugd: ten minste 40 unieke cliënten in segment 1).",
    ],
  },
};

/**
 * The small-cell rule: a row about fewer than SMALL_CELL children (its `clienten`) is left out, since
 * even its other figures would describe those few; in the rows left, every count of children or
 * allocations from 1 to SMALL_CELL - 1 is hidden (null). Figures not about children stay.
 */
export function hideSmallCells(report: Report): Report {
  const small = (v: CellValue) => typeof v === "number" && v > 0 && v < SMALL_CELL;
  const counts = report.kolommen.filter((c) => c.soort === "aantal" && c.overKinderen !== false);
  const rijen = report.rijen
    .filter((row) => !small(row.clienten ?? null))
    .map((row) => {
      const out: ReportRow = { ...row };
      for (const c of counts) if (small(out[c.id] ?? null)) out[c.id] = null;
      return out;
    });
  return { ...report, rijen };
}

/** Euro from cents, to the cent. */
export const euro = (cents: number | string | null): number | null =>
  cents === null ? null : Math.round(Number(cents)) / 100;

/** A number to one decimal, as days and percentages are shown. */
export const oneDecimal = (n: number | string | null): number | null =>
  n === null ? null : Math.round(Number(n) * 10) / 10;

export const NO_SUBSEGMENT = "(geen subsegment in het regiomodel)";
export const NO_CARE_FORM = "(geen zorgvorm in het regiomodel)";
export const UNKNOWN = "(onbekend: regel zonder toewijzing)";
