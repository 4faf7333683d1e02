import type { IsoDate } from "../domain/dates.ts";
import type {
  Berichten,
  CDT_Geboortedatum,
  CDT_VerkorteNaam,
  CDT_VolledigeNaam,
  Jw301Contact,
  Jw301ToegewezenProduct,
  LDT_Geslacht,
} from "./messages.generated.ts";
import { berichtCode } from "./retour.ts";
import { ijwSchema } from "./schemas.ts";
import type { MessageType } from "./xsd-model.ts";

/** Builds the municipality's outgoing heenberichten (JW301, JW319) from registry records. Pure. */

export interface Parties {
  gemeente: string;
  agb: string;
}

export interface MessageIdentity {
  identificatie: string;
  dagtekening: IsoDate;
}

/** The client's personal data as the registry keeps it (encrypted) for messages. */
export interface ClientPersonalia {
  geboortedatum: CDT_Geboortedatum;
  geslacht: LDT_Geslacht;
  naam: CDT_VolledigeNaam;
}

export const fullName = (n: CDT_VerkorteNaam): CDT_VolledigeNaam => ({
  Geslachtsnaam: n.Geslachtsnaam,
  ...(n.Voornamen === undefined ? {} : { Voornamen: n.Voornamen }),
  ...(n.Voorletters === undefined ? {} : { Voorletters: n.Voorletters }),
  NaamGebruik: "1",
});

function header(type: MessageType, from: string, to: string, id: MessageIdentity) {
  const schema = ijwSchema(type);
  return {
    BerichtCode: berichtCode(type),
    BerichtVersie: 3 as const,
    BerichtSubversie: 2 as const,
    Afzender: from,
    Ontvanger: to,
    BerichtIdentificatie: { Identificatie: id.identificatie, Dagtekening: id.dagtekening },
    XsdVersie: {
      BasisschemaXsdVersie: schema.xsdVersion.basisschema,
      BerichtXsdVersie: schema.xsdVersion.bericht,
    },
  };
}

export interface AllocationForMessage {
  nummer: number;
  category: string;
  code?: string;
  referentie?: string;
  toewijzingsdatum: IsoDate;
  toewijzingstijd: string;
  ingangsdatum: IsoDate;
  einddatum?: IsoDate;
  redenWijziging?: Jw301ToegewezenProduct["RedenWijziging"];
  omvang?: { volume: number; unit: string; frequency: string };
  budget?: number;
}

/**
 * JW301: the snapshot of all of a client's allocations with one provider (OP087). The municipality
 * takes the address from the BRP; until that is linked the contact is the BRP address type alone.
 */
export function buildJw301(
  parties: Parties,
  id: MessageIdentity,
  bsn: string,
  client: ClientPersonalia,
  allocations: AllocationForMessage[],
): Berichten["JW301"] {
  const contact: Jw301Contact = { Soort: "01" };
  return {
    Header: header("JW301", parties.gemeente, parties.agb, id) as Berichten["JW301"]["Header"],
    Client: {
      Bsn: bsn,
      Geboortedatum: client.geboortedatum,
      Geslacht: client.geslacht,
      Naam: client.naam,
      Contactgegevens: { Contact: [contact] },
      ToegewezenProducten: {
        ToegewezenProduct: allocations.map((a) => ({
          ToewijzingNummer: a.nummer,
          ...(a.referentie ? { ReferentieAanbieder: a.referentie } : {}),
          Product: { Categorie: a.category as never, ...(a.code ? { Code: a.code } : {}) },
          Toewijzingsdatum: a.toewijzingsdatum,
          Toewijzingstijd: a.toewijzingstijd,
          Ingangsdatum: a.ingangsdatum,
          ...(a.einddatum ? { Einddatum: a.einddatum } : {}),
          ...(a.redenWijziging ? { RedenWijziging: a.redenWijziging } : {}),
          ...(a.omvang && a.code
            ? {
                Omvang: {
                  Volume: a.omvang.volume,
                  Eenheid: a.omvang.unit as never,
                  Frequentie: a.omvang.frequency as never,
                },
              }
            : {}),
          ...(a.budget !== undefined && !a.code ? { Budget: a.budget } : {}),
        })),
      },
    },
  };
}

/** JW319: a request refused (1, with a reason; 8 names the responsible municipality) or under investigation (2). */
export function buildJw319(
  parties: Parties,
  id: MessageIdentity,
  answer: { referentie: string; antwoord: "1" | "2"; reden?: string; gemeente?: string },
): Berichten["JW319"] {
  return {
    Header: header("JW319", parties.gemeente, parties.agb, id) as Berichten["JW319"]["Header"],
    Antwoord: {
      ReferentieAanbieder: answer.referentie,
      VerzoekAntwoord: answer.antwoord,
      ...(answer.antwoord === "1" && answer.reden ? { RedenAfwijzingVerzoek: answer.reden as never } : {}),
      ...(answer.reden === "8" && answer.gemeente
        ? { Woonplaatsbeginsel: { Gemeente: answer.gemeente } }
        : {}),
    },
  };
}

/** Heenbericht headers for the provider's side (JW305, JW307, JW315, JW317, JW323). */
export function providerHeader<T extends "JW305" | "JW307" | "JW315" | "JW317" | "JW323">(
  type: T,
  parties: Parties,
  id: MessageIdentity,
): Berichten[T]["Header"] {
  return header(type, parties.agb, parties.gemeente, id) as Berichten[T]["Header"];
}
