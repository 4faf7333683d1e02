import type { IsoDate } from "../domain/dates.ts";
import { type ClientPersonalia, type MessageIdentity, type Parties, providerHeader } from "./build.ts";
import { MESSAGE_RULES } from "./message-rules.ts";
import type { Berichten, CDT_VerkorteNaam, LDT_RedenBeeindiging } from "./messages.generated.ts";
import { REGIE_RULES } from "./regie.ts";

/**
 * A provider's start (JW305) or stop (JW307) of care for one allocation, built from a small form in the
 * web app: the message a provider's own system would send, so the municipality's import judges it with
 * the same message rules and rules across messages (src/ijw/regie.ts) and answers with the same retour
 * codes. Pure: the data layer gives the allocation and the client's data the registry keeps, and maps the
 * findings of the import back to the form's fields with the catalogue's Dutch text.
 */

/** COD588 RedenBeeindiging, with the standard's own descriptions (in Dutch). */
export const STOP_REASONS: Record<LDT_RedenBeeindiging, string> = {
  "02": "Overlijden",
  "20": "Levering is tijdelijk beëindigd",
  "31": "Levering is volgens plan beëindigd",
  "32": "Voortijdig afgesloten: eenzijdig door de cliënt",
  "33": "Voortijdig afgesloten: eenzijdig door de aanbieder",
  "34": "Voortijdig afgesloten: in overeenstemming",
  "35": "Voortijdig afgesloten: wegens externe omstandigheden",
  "36": "Geïnitieerd door de gemeente",
  "37": "In verband met wijzigingsverzoek",
  "38": "Overstap naar andere aanbieder",
  "39": "Uitstroom naar ander domein",
};

export const STOP_REASON_CODES = Object.keys(STOP_REASONS) as LDT_RedenBeeindiging[];

export type DeliveryReport =
  | { kind: "start"; beginDate: IsoDate }
  | { kind: "stop"; beginDate: IsoDate; endDate: IsoDate; reason: LDT_RedenBeeindiging };

export interface ReportedAllocation {
  /** The iJw ToewijzingNummer (the registry's number without its T). */
  toewijzingNummer: number;
  category: string | null;
  code: string | null;
}

export interface ReportingClient {
  bsn: string;
  personalia: ClientPersonalia;
}

const shortName = (p: ClientPersonalia): CDT_VerkorteNaam => ({
  Geslachtsnaam: p.naam.Geslachtsnaam,
  ...(p.naam.Voornamen === undefined ? {} : { Voornamen: p.naam.Voornamen }),
  ...(p.naam.Voorletters === undefined ? {} : { Voorletters: p.naam.Voorletters }),
});

function productLine(allocation: ReportedAllocation) {
  return {
    ToewijzingNummer: allocation.toewijzingNummer,
    // IV075: the product as allocated (specific, aspecific or generic).
    ...(allocation.category
      ? {
          Product: {
            Categorie: allocation.category as never,
            ...(allocation.code ? { Code: allocation.code } : {}),
          },
        }
      : {}),
  };
}

export function buildDeliveryReport(
  parties: Parties,
  id: MessageIdentity,
  client: ReportingClient,
  allocation: ReportedAllocation,
  report: DeliveryReport,
): { type: "JW305"; bericht: Berichten["JW305"] } | { type: "JW307"; bericht: Berichten["JW307"] } {
  const who = {
    Bsn: client.bsn,
    Geboortedatum: client.personalia.geboortedatum,
    Geslacht: client.personalia.geslacht,
    Naam: shortName(client.personalia),
  };
  if (report.kind === "start") {
    return {
      type: "JW305",
      bericht: {
        Header: providerHeader("JW305", parties, id),
        Client: {
          ...who,
          StartProducten: {
            StartProduct: [
              { ...productLine(allocation), Begindatum: report.beginDate, StatusAanlevering: "1" },
            ],
          },
        },
      },
    };
  }
  return {
    type: "JW307",
    bericht: {
      Header: providerHeader("JW307", parties, id),
      Client: {
        ...who,
        StopProducten: {
          StopProduct: [
            {
              ...productLine(allocation),
              Begindatum: report.beginDate,
              RedenBeeindiging: report.reason,
              Einddatum: report.endDate,
              StatusAanlevering: "1",
            },
          ],
        },
      },
    },
  };
}

/** The form's fields; "toewijzing" is the allocation itself (nothing the provider can type differently). */
export type ReportField = "begindatum" | "einddatum" | "reden" | "toewijzing";

/** Which field of the form a rule is about. */
const FIELD_OF_RULE: Record<string, ReportField> = {
  "start-binnen-toewijzing": "begindatum",
  TR074: "begindatum",
  TR326: "begindatum",
  TR382: "begindatum",
  TR063: "begindatum",
  TR071: "begindatum",
  TR413: "reden",
  TR414: "einddatum",
  TR415: "reden",
  TR018: "einddatum",
};

export interface ReportRefusal {
  field: ReportField;
  rule: string;
  retourcode: string;
  /** The rule's own Dutch text from the catalogue, never facts of the registry. */
  text: string;
}

const ruleTexts = new Map<string, string>([
  ...MESSAGE_RULES.map((r): [string, string] => [r.id, r.text]),
  ...Object.values(REGIE_RULES).map((r): [string, string] => [r.id, r.text]),
]);

/**
 * The import's reasons ("TR326 (retourcode 9326) Client/…: …") as refusals per field. Only the rule id
 * and the retour code are read from a reason; the text comes from the catalogue.
 */
export function refusalsOf(reasons: readonly string[]): ReportRefusal[] {
  return reasons.map((reason) => {
    const m = /^(\S+) \(retourcode (\d{4})\)/.exec(reason);
    if (!m) {
      return {
        field: "toewijzing",
        rule: "onbekend",
        retourcode: "",
        text: "Het bericht kon niet gemaakt worden. Neem contact op met de gemeente.",
      };
    }
    const [, rule = "", retourcode = ""] = m;
    return {
      field: FIELD_OF_RULE[rule] ?? "toewijzing",
      rule,
      retourcode,
      text: ruleTexts.get(rule) ?? `De gemeente weigert dit met retourcode ${retourcode}.`,
    };
  });
}
