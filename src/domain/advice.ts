import type { IsoDate } from "./dates.ts";

/** The advice for one case, region and date (design.md §4). JSON keys are the API's contract. */

export interface CitedSource {
  doc: string;
  title: string;
  file?: string;
  url?: string;
  section?: string;
  quote?: string;
}

export interface AdvisedProduct {
  id: string;
  name: string;
  ijw?: { category?: string; code?: string; unit?: string };
}

export interface AdvisedSegment {
  id: string;
  name: string;
  subsegment?: string;
  subsegmentName?: string;
  profile?: string;
  intensity?: string;
  products: AdvisedProduct[];
  purchaseArea?: { id: string; name: string };
  provider?: string;
}

export interface TraceCondition {
  text: string;
  fact: string;
  actual: unknown;
  expected: unknown;
  result: "waar" | "onwaar" | "onbekend";
}

export type TraceStatus = "toegepast" | "niet-van-toepassing" | "onbekend" | "overschaduwd" | "niet-geldig";

export interface TraceEntry {
  decision: string;
  decisionTitle: string;
  rule: string;
  layer: string;
  applied: boolean;
  status: TraceStatus;
  /** Plain Dutch: what the rule says and what it meant for this case. */
  explanation: string;
  /** The rule itself in plain Dutch: outcome and conditions. */
  ruleText?: string;
  decidingCondition?: string;
  conditions: TraceCondition[];
  source: CitedSource | null;
  origin: string;
  overrides?: { rule: string; layer: string; reason: string };
  /** At a numeric threshold: what would change the outcome of this rule. */
  counterfactual?: string;
  localChoices?: string[];
  /** The rule could not be judged because these parameters have no known value (e.g. lost in the source). */
  unknownParameters?: string[];
}

export interface Advice {
  region: { id: string; name: string };
  asOf: IsoDate;
  referenceDate: IsoDate;
  eligible: boolean | null;
  eligibility: { reason: string; code?: string; source: CitedSource | null };
  complete: boolean;
  segments: AdvisedSegment[];
  /** For each segment of the region that is not advised: why not, from the rules that lead to it. */
  whyNot: { segment: string; name: string; reasons: string[] }[];
  route: {
    referTo: string;
    decidedBy?: string;
    decisionBy?: string;
    request?: string;
    because: string;
  } | null;
  coordination: { coordinator: string; level: string; because: string }[];
  duration: {
    segment: string;
    noEndDate: boolean;
    max?: string;
    maxText?: string;
    latestEnd?: IsoDate;
    guideline: string;
    source: CitedSource | null;
  }[];
  financing: {
    segment: string;
    type: string;
    unit?: string;
    description: string;
    budgetCeiling?: { parameter: string; value: unknown };
    source: CitedSource | null;
  }[];
  deadlines: {
    id: string;
    segment: string;
    label: string;
    from: IsoDate;
    period: string;
    due: IsoDate;
    consequence?: string;
    source: CitedSource | null;
  }[];
  warnings: { code: string; severity: string; message: string; source: CitedSource | null }[];
  missing: { fact: string; question: string; neededBy: string[] }[];
  whatWouldChange: string[];
  localChoices: { name: string; value: unknown; description: string; reason: string }[];
  unknownParameters: { name: string; description: string }[];
  trace: TraceEntry[];
  receipt: {
    engine: string;
    engineVersion: string;
    region: string;
    modelVersion: string;
    modelHash: string;
    layers: { id: string; version: string; hash: string }[];
    asOf: IsoDate;
    caseHash: string;
  };
}

/** The outcome of one criterion for one provider. */
export interface CriterionOutcome {
  code: string;
  rule: string;
  scope: "aanbieder" | "selectie";
  status: "voldoet" | "voldoet-niet" | "onbekend";
  message: string;
  explanation: string;
  source: CitedSource | null;
}

/** A provider judged against a region's selection criteria (partner-check). */
export interface PartnerAssessment {
  region: { id: string; name: string };
  asOf: IsoDate;
  provider: { name?: string; agb?: string };
  /** Over the criteria with scope 'aanbieder': any not met ⇒ voldoet-niet; else any unknown ⇒ onbekend. */
  verdict: "voldoet" | "voldoet-niet" | "onbekend";
  criteria: CriterionOutcome[];
  missing: { fact: string; question: string; neededBy: string[] }[];
  unknownParameters: { name: string; description: string }[];
  trace: TraceEntry[];
  receipt: Advice["receipt"];
}
