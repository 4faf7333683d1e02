import { intensiveAmbulantForms } from "../domain/provider.ts";
import {
  careForms,
  lifeDomainKinds,
  otherDomainKinds,
  parentFactorKinds,
  problemKinds,
  referrers,
} from "../domain/case.ts";

/**
 * The facts a rule may test: the case's own fields and the ones the engine derives. Each has a Dutch
 * label (for explanations and questions) and a domain the static checker uses to find gaps.
 */
export type FactType =
  | { kind: "number"; unit?: string }
  | { kind: "boolean" }
  | { kind: "enum"; values: readonly string[] }
  | { kind: "set"; values: readonly string[] }
  | { kind: "date" };

export interface FactInfo {
  label: string;
  question: string;
  type: FactType;
  /** Derived by the engine from other facts; asking for it means asking for these. */
  derivedFrom?: string[];
}

const segmentIds = { kind: "set", values: [] } as const;

export const factCatalog: Record<string, FactInfo> = {
  requestDate: {
    label: "datum aanmelding",
    question: "Wat is de datum van aanmelding?",
    type: { kind: "date" },
  },
  municipality: {
    label: "woonplaats (gemeente)",
    question: "In welke gemeente woont de jeugdige (woonplaatsbeginsel)?",
    type: { kind: "enum", values: [] },
  },
  birthDate: {
    label: "geboortedatum",
    question: "Wat is de geboortedatum van de jeugdige?",
    type: { kind: "date" },
  },
  age: {
    label: "leeftijd",
    question: "Wat is de geboortedatum van de jeugdige?",
    type: { kind: "number", unit: "jaar" },
    derivedFrom: ["birthDate"],
  },
  inRegion: {
    label: "woont in een gemeente van de regio",
    question: "In welke gemeente woont de jeugdige (woonplaatsbeginsel)?",
    type: { kind: "boolean" },
    derivedFrom: ["municipality"],
  },
  referrer: {
    label: "verwijzer",
    question: "Wie verwijst (gemeente, huisarts, jeugdarts, GI, medisch specialist, rechter, zelf)?",
    type: { kind: "enum", values: referrers },
  },
  problems: {
    label: "problematiek",
    question: "Welke problematiek speelt er bij de jeugdige?",
    type: { kind: "set", values: problemKinds },
  },
  complexity: {
    label: "soort problematiek",
    question: "Is de problematiek enkelvoudig of meervoudig?",
    type: { kind: "enum", values: ["enkelvoudig", "meervoudig"] },
  },
  lifeDomains: {
    label: "leefgebieden",
    question:
      "Op welke leefgebieden spelen vragen (gezin, school, vrije tijd, wonen, werk, financiën, veiligheid)?",
    type: { kind: "set", values: lifeDomainKinds },
  },
  coordinatedMultidisciplinary: {
    label: "gecoördineerde inzet van meerdere disciplines nodig",
    question: "Is gecoördineerde inzet van meerdere disciplines of een interventie in het hele gezin nodig?",
    type: { kind: "boolean" },
  },
  "family.interventionsForSeveralMembers": {
    label: "interventies voor meerdere gezinsleden nodig",
    question: "Zijn voor meerdere gezinsleden intensieve interventies nodig?",
    type: { kind: "boolean" },
  },
  "family.protectiveFactors": {
    label: "ondersteunende factoren in het gezin",
    question: "Hoeveel ondersteunende factoren heeft het gezin (geen, weinig, veel)?",
    type: { kind: "enum", values: ["geen", "weinig", "veel"] },
  },
  "family.riskFactors": {
    label: "risicofactoren in het gezin",
    question: "Welke risicofactoren zijn er (geen, enkele, zwaar)?",
    type: { kind: "enum", values: ["geen", "enkele", "zwaar"] },
  },
  "family.unsafe": {
    label: "onveiligheid in het gezin",
    question: "Is er onveiligheid binnen het gezin?",
    type: { kind: "boolean" },
  },
  parentFactors: {
    label: "ouderfactoren",
    question: "Welke ouderfactoren spelen er?",
    type: { kind: "set", values: parentFactorKinds },
  },
  intelligence: {
    label: "intelligentie",
    question: "Is de intelligentie normaal of beneden gemiddeld?",
    type: { kind: "enum", values: ["normaal", "beneden-gemiddeld"] },
  },
  crisis: { label: "crisis", question: "Is er sprake van een crisis?", type: { kind: "boolean" } },
  "estimatedHours.begeleiding": {
    label: "geschatte uren begeleiding",
    question: "Hoeveel uren of dagdelen begeleiding zijn er in totaal nodig (alleen voor deze jeugdige)?",
    type: { kind: "number", unit: "uur" },
  },
  "estimatedHours.behandeling": {
    label: "geschatte uren behandeling",
    question: "Hoeveel uren behandeling zijn er in totaal nodig (alleen voor deze jeugdige)?",
    type: { kind: "number", unit: "uur" },
  },
  requestedCare: {
    label: "gevraagde zorgvormen",
    question: "Welke zorgvormen worden gevraagd?",
    type: { kind: "set", values: careForms },
  },
  residentialCentral: {
    label: "woonfunctie staat centraal",
    question: "Staat de woonfunctie centraal (en niet de behandeling)?",
    type: { kind: "boolean" },
  },
  developmentPerspective: {
    label: "ontwikkelperspectief",
    question: "Heeft de jeugdige een ontwikkelperspectief?",
    type: { kind: "boolean" },
  },
  protectionMeasure: {
    label: "maatregel",
    question: "Is er een jeugdbeschermings- of jeugdreclasseringsmaatregel?",
    type: { kind: "enum", values: ["geen", "jeugdbescherming", "jeugdreclassering"] },
  },
  otherDomains: {
    label: "hulp uit andere domeinen",
    question: "Is er hulp uit andere domeinen (Wmo, schuldhulp, Zvw, Wlz, onderwijs)?",
    type: { kind: "set", values: otherDomainKinds },
  },
  "outlook.aim": {
    label: "doel (herstel of stabiliseren)",
    question: "Is het doel herstel of stabiliseren?",
    type: { kind: "enum", values: ["herstel", "stabiliseren"] },
  },
  "outlook.severity": {
    label: "zwaarte van de hulpvraag",
    question:
      "Is de hulpvraag licht (niet vaak hulp nodig) of zwaar (veel en vaak hulp, moeilijk te behandelen)?",
    type: { kind: "enum", values: ["licht", "zwaar"] },
  },
  "outlook.expectedMonths": {
    label: "verwachte duur in maanden",
    question: "Hoeveel maanden is de hulp naar verwachting nodig?",
    type: { kind: "number", unit: "maand" },
  },
  treatmentNeeded: {
    label: "DSM-5-behandeling nodig",
    question: "Is DSM-5-behandeling nodig?",
    type: { kind: "boolean" },
  },
  aimReturnHome: {
    label: "gericht op terugkeer naar huis",
    question: "Is de hulp gericht op terugkeer naar huis?",
    type: { kind: "boolean" },
  },
  afterCrisisIntervention: {
    label: "na een crisisinterventie",
    question: "Volgt de hulp op een crisisinterventie?",
    type: { kind: "boolean" },
  },
  currentSameProfile: {
    label: "lopende zorg in hetzelfde segment heeft hetzelfde profiel als geadviseerd",
    question: "Welk profiel heeft de lopende zorg in dit segment?",
    type: { kind: "boolean" },
    derivedFrom: ["currentCare"],
  },
  eligible: {
    label: "valt onder de Jeugdwet via deze regio",
    question: "Valt de hulpvraag onder de Jeugdwet via deze regio?",
    type: { kind: "boolean" },
    derivedFrom: [],
  },
  currentSegments: {
    label: "segmenten van lopende toewijzingen in deze regio",
    question: "Welke jeugdhulp loopt er nu al (segment, product, aanbieder)?",
    type: segmentIds,
    derivedFrom: ["currentCare"],
  },
  siblingSegments: {
    label: "segmenten van broers en zussen",
    question: "Krijgen broers of zussen jeugdhulp, en uit welk segment?",
    type: segmentIds,
    derivedFrom: ["siblings"],
  },
  segments: {
    label: "geadviseerde segmenten",
    question: "Welke segmenten zijn geadviseerd?",
    type: segmentIds,
  },
  familySegmentCount: {
    label: "aantal verschillende segmenten in het gezin",
    question: "Krijgen broers of zussen jeugdhulp, en uit welk segment?",
    type: { kind: "number" },
    derivedFrom: ["siblings"],
  },
  familySegments: {
    label: "segmenten in het gezin (deze jeugdige en broers en zussen)",
    question: "Krijgen broers of zussen jeugdhulp, en uit welk segment?",
    type: segmentIds,
    derivedFrom: ["siblings"],
  },
};

/** Facts about a care provider, tested only by `criterion` decisions (partner-check). */
export const providerFactCatalog: Record<string, FactInfo> = {
  "provider.crisisCapacity": {
    label: "(crisis)bedden of verblijfscapaciteit beschikbaar",
    question: "Heeft de aanbieder (crisis)bedden of verblijfscapaciteit beschikbaar?",
    type: { kind: "boolean" },
  },
  "provider.expertiseTreatmentWithEducationAndHousing": {
    label: "expertise met behandeling waarbij onderwijs en huisvesting in één zit",
    question: "Heeft de aanbieder expertise met behandelingen waarbij onderwijs en huisvesting in één zit?",
    type: { kind: "boolean" },
  },
  "provider.intensiveAmbulantOffer": {
    label: "intensief ambulant aanbod",
    question:
      "Welk intensief ambulant aanbod levert de aanbieder aantoonbaar (MST, MDFT, RGT, (jeugd-)FACT)?",
    type: { kind: "set", values: intensiveAmbulantForms },
  },
  "provider.deliversMostCareItself": {
    label: "levert het grootste deel van de zorg zelf",
    question: "Levert de aanbieder het grootste deel van de zorg in segment 1 zelf?",
    type: { kind: "boolean" },
  },
  "provider.addictionCare": {
    label: "kan verslavingszorg organiseren en heeft daarin ervaring",
    question: "Kan de aanbieder verslavingszorg organiseren, en heeft hij daarin ervaring?",
    type: { kind: "boolean" },
  },
  "provider.revenueSegment1In2020": {
    label: "omzet in segment 1 in 2020",
    question: "Wat was de omzet van de aanbieder in segment 1 in 2020 (euro)?",
    type: { kind: "number", unit: "euro" },
  },
  "provider.uniqueClientsSegment1In2020": {
    label: "unieke cliënten in segment 1 in 2020",
    question: "Hoeveel unieke cliënten had de aanbieder in segment 1 in 2020?",
    type: { kind: "number", unit: "cliënten" },
  },
};

export function factInfo(fact: string): FactInfo | undefined {
  return factCatalog[fact] ?? providerFactCatalog[fact];
}

export function factLabel(fact: string): string {
  return factInfo(fact)?.label ?? fact;
}

export function questionFor(fact: string): string {
  const direct = factInfo(fact);
  if (direct) return direct.question;
  for (const info of Object.values(factCatalog)) {
    if (info.derivedFrom?.includes(fact)) return info.question;
  }
  return `Wat is ${fact}?`;
}
