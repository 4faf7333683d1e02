import { providerHeader } from "../../src/ijw/build.ts";
import { readMessage, writeMessage } from "../../src/ijw/codec.ts";
import type { Berichten, Jw315AangevraagdProduct } from "../../src/ijw/messages.generated.ts";
import { compiledRegionFor } from "../../src/rules/region-for.ts";
import type { Store } from "../../src/store/database.ts";
import { type ExchangeContext, pendingOutgoing } from "../../src/store/ijw.ts";
import { addProvider } from "../../src/store/registry.ts";

/** What the iJw flow tests share: a provider's messages, the exchange context, the outbox as objects. */

export const GEMEENTE = "0855"; // Tilburg, Hart van Brabant
export const AGB = "12345678";
/** The iJw product (category/code) of the provider's ggz-specialistisch contract. */
export const GGZ = { category: "54", code: "54001" } as const;

/** The contract tariff of the test provider's products, in euro cents per hour. */
export const CONTRACT_TARIFF = 11500;

/** A contract of the provider: Hart van Brabant, segment 4, from 2023 on, for a product as an iJw category/code. */
export function hvbContract(product: string, ijw: { category: string; code: string }) {
  return {
    tariff: CONTRACT_TARIFF,
    regionId: "hart-van-brabant",
    segment: "4",
    product,
    purchaseArea: null,
    validFrom: "2023-01-01",
    validTo: null,
    ijwCategory: ijw.category,
    ijwCode: ijw.code,
  };
}

/** The provider of the iJw tests: AGB, contracted for HvB segment 4 ggz-specialistisch as iJw 54/54001. */
export const GGZ_PROVIDER = {
  agb: AGB,
  name: "GGZ-aanbieder (fictief)",
  contracts: [hvbContract("ggz-specialistisch", GGZ)],
};

/** Registers GGZ_PROVIDER, with any further contracts beside its own. */
export async function addGgzProvider(store: Store, ...more: ReturnType<typeof hvbContract>[]): Promise<void> {
  await addProvider(store, { ...GGZ_PROVIDER, contracts: [...GGZ_PROVIDER.contracts, ...more] });
}

export function exchangeContext(today: string): ExchangeContext {
  return { today, regionFor: compiledRegionFor };
}

export interface RequestedProduct {
  ref: string;
  category?: string;
  code?: string;
  start: string;
  end?: string;
  omvang?: { Volume: number; Eenheid: string; Frequentie: string };
  budget?: number;
  verwijzer?: Jw315AangevraagdProduct["Verwijzer"];
  beschikking?: number;
}

/** A JW315 from the provider to the municipality, as XML. */
export function votXml(opts: {
  identificatie: string;
  dagtekening: string;
  bsn: string;
  products: RequestedProduct[];
  gemeente?: string;
  agb?: string;
}): string {
  const bericht: Berichten["JW315"] = {
    Header: providerHeader(
      "JW315",
      { gemeente: opts.gemeente ?? GEMEENTE, agb: opts.agb ?? AGB },
      { identificatie: opts.identificatie, dagtekening: opts.dagtekening },
    ),
    Client: {
      Bsn: opts.bsn,
      Geboortedatum: { Datum: "2014-04-04" },
      Geslacht: "2",
      Naam: { Geslachtsnaam: { Achternaam: "Testkind" }, Voorletters: "A" },
      AangevraagdeProducten: {
        AangevraagdProduct: opts.products.map((p) => ({
          ReferentieAanbieder: p.ref,
          ...(p.beschikking ? { BeschikkingNummer: p.beschikking, BeschikkingIngangsdatum: p.start } : {}),
          ...(p.category
            ? { Product: { Categorie: p.category as never, ...(p.code ? { Code: p.code } : {}) } }
            : {}),
          ToewijzingIngangsdatum: p.start,
          ...(p.end ? { ToewijzingEinddatum: p.end } : {}),
          ...(p.omvang ? { Omvang: p.omvang as never } : {}),
          ...(p.budget !== undefined ? { Budget: p.budget } : {}),
          Verwijzer: p.verwijzer ?? { Type: "02", ZorgverlenerCode: "01234567" },
        })),
      },
    },
  };
  return writeMessage("JW315", bericht);
}

/** The outbox, read back as typed messages (the codec checks each again). */
export async function outbox(store: Store) {
  return (await pendingOutgoing(store)).map((m) => {
    const r = readMessage(m.xml);
    if (!r.ok) throw new Error(`ongeldig uitgaand bericht ${m.type}: ${JSON.stringify(r.issues)}`);
    return { ...m, bericht: r.bericht as unknown };
  });
}

export const bytes = (xml: string) => new TextEncoder().encode(xml);
