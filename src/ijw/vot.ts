import type { IsoDate } from "../domain/dates.ts";
import type { RegionModel } from "../rules/load.ts";

/**
 * What the municipality answers to one requested product of a request for allocation (VOT, JW315), before
 * the registry's own allocation rules have their say. Pure: the store gathers the facts.
 *
 * The order follows the standard and the law: the municipality that is not responsible says so first
 * (woonplaatsbeginsel, Jeugdwet art. 1.1 and OP359, reason 8 with the right municipality); a VOT is only
 * for a right to care that already exists (a legal referral or a decision, OP307), otherwise the
 * municipality investigates; the product must be one the provider is contracted for (reason 3) and may
 * not be task-based, which has no allocation in iJw (Procesbeschrijving §5.2, reason 4).
 */

export const REDEN_AFWIJZING = {
  geenWijzigingMaarNieuweAanvraag: "1",
  pastNietBinnenBudget: "2",
  geenContract: "3",
  pastNietBinnenContract: "4",
  andereGemeente: "5",
  stapeling: "6",
  zorginhoudelijkeAfkeur: "7",
  woonplaatsbeginsel: "8",
  leeftijdsgrensBereikt: "9",
} as const;

/** COD327: referrers whose referral gives a right to care in the Jeugdwet (art. 2.6 lid 1 sub g). */
const LEGAL_REFERRERS = new Set(["02", "03", "04", "05", "08"]);

export interface RequestedProduct {
  category?: string;
  code?: string;
  startDate: IsoDate;
  endDate?: IsoDate;
  referrerType: string;
  hasDecision: boolean;
}

export interface ContractOffer {
  segment: string;
  product: string | null;
  ijwCategory: string | null;
  ijwCode: string | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export type VotAnswer =
  | { kind: "toewijzen"; segment: string; product: string; because: string }
  | { kind: "afwijzen"; reden: string; gemeente?: string; because: string }
  | { kind: "onderzoek"; because: string };

export function answerRequestedProduct(
  req: RequestedProduct,
  facts: {
    /** The municipality the request was sent to. */
    municipality: string;
    /** Where the registry knows the child lives, when it knows the child. */
    clientMunicipality?: string;
    model?: RegionModel;
    contracts: ContractOffer[];
    /**
     * What the registry says the child needs: the segments of the decision (beschikking) valid on the
     * start, or else of the latest advice given for the child in this region, with where they come from.
     */
    indicated?: { segments: string[]; source: string };
  },
): VotAnswer {
  if (facts.clientMunicipality && facts.clientMunicipality !== facts.municipality) {
    return {
      kind: "afwijzen",
      reden: REDEN_AFWIJZING.woonplaatsbeginsel,
      gemeente: facts.clientMunicipality,
      because: `de jeugdige woont volgens het register in gemeente ${facts.clientMunicipality}`,
    };
  }
  if (!LEGAL_REFERRERS.has(req.referrerType) && !req.hasDecision) {
    return {
      kind: "onderzoek",
      because: "geen wettelijke verwijzing en geen beschikking: de gemeente onderzoekt eerst de hulpvraag",
    };
  }
  const answer = resolveContractedProduct(
    {
      product: {
        ...(req.category ? { category: req.category } : {}),
        ...(req.code ? { code: req.code } : {}),
      },
      startDate: req.startDate,
    },
    facts,
  );
  // The advice (or the decision) and the request must agree on the segment; where they do not, a
  // person looks before the municipality allocates what the provider asked.
  if (answer.kind === "toewijzen" && facts.indicated && !facts.indicated.segments.includes(answer.segment)) {
    return {
      kind: "onderzoek",
      because: `het gevraagde product hoort bij segment ${answer.segment}, maar ${facts.indicated.source} noemt segment ${facts.indicated.segments.join(", ")}`,
    };
  }
  return answer;
}

/**
 * Which contracted registry product a requested iJw product is (for a VOT product and a VOW's new
 * product alike): the provider must be contracted for it on the desired start (reason 3), and
 * task-based care has no allocation in iJw (reason 4). A generic product, or a municipality in no
 * region, goes to a person.
 */
export function resolveContractedProduct(
  p: { product: { category?: string; code?: string }; startDate: IsoDate },
  facts: { model?: RegionModel; contracts: ContractOffer[] },
): Exclude<VotAnswer, { gemeente: string }> {
  if (!facts.model)
    return {
      kind: "onderzoek",
      because: `de gemeente hoort op ${p.startDate} bij geen regio met een regiomodel`,
    };
  if (!p.product.category)
    return {
      kind: "onderzoek",
      because: "een generiek product (zonder categorie) beoordeelt een medewerker",
    };
  const { category, code } = p.product;
  const match = facts.contracts.find(
    (c) =>
      c.product !== null &&
      c.ijwCategory === category &&
      (c.ijwCode ?? undefined) === code &&
      c.validFrom <= p.startDate &&
      (c.validTo === null || c.validTo >= p.startDate),
  );
  if (!match || match.product === null)
    return {
      kind: "afwijzen",
      reden: REDEN_AFWIJZING.geenContract,
      because: `de aanbieder heeft op ${p.startDate} geen contract voor product ${category}${code ? `/${code}` : ""}`,
    };
  const segment = facts.model.segments.find((s) => s.id === match.segment);
  if (segment?.financing.type === "taakgericht")
    return {
      kind: "afwijzen",
      reden: REDEN_AFWIJZING.pastNietBinnenContract,
      because: `${segment.name} is taakgericht gefinancierd: daarvoor bestaat geen toewijzing in iJw`,
    };
  return {
    kind: "toewijzen",
    segment: match.segment,
    product: match.product,
    because: `gecontracteerd product ${match.product} in segment ${match.segment}`,
  };
}

/** Which reason of refusal a registry rule maps to, or undefined when a person must look (in onderzoek). */
export function refusalForRegistryRule(rule: string): string | undefined {
  if (rule === "geen-overlap") return REDEN_AFWIJZING.stapeling;
  if (rule === "aanbieder-gecontracteerd" || rule === "product-in-segment")
    return REDEN_AFWIJZING.pastNietBinnenContract;
  return undefined;
}
