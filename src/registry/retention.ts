import { addMonths } from "date-fns";
import { ageOn, type IsoDate, toDate, toIso } from "../domain/dates.ts";
import type { Problem } from "./allocation-rules.ts";

/**
 * Retention and destruction of dossiers, as data and pure functions (no I/O). The store
 * (src/store/retention.ts) reads the dates of each dossier; this file decides what they mean.
 *
 * Two dossier types, each with its own term and legal basis, both configurable (../shared/docs/ecosystem.md
 * §4.1 and §4.4):
 *
 * - jeugdhulp: the client has or had care (an allocation, or a reported start of task-based care).
 *   Jeugdwet art. 7.3.8 lid 3: 20 years (15 until 2020), or longer where good care requires it.
 *   Start-point caveat: sources differ. The 2020 text as quoted in case law and by VHIC counts from the
 *   last change to the dossier; Rijksoverheid's FAQ says from the end of the care. We take the later of
 *   the two (last end of care, last change), so neither reading destroys a dossier early. Check the
 *   current article text on wetten.overheid.nl before relying on this.
 * - toegang: referral and decision only, no care delivered. Arguably not a jeugdhulp dossier under
 *   7.3.8 but a municipal access file under the Archiefwet 1995 and the municipality's selectielijst
 *   (Schulinck's opinion; VHIC: a plan that was never adopted falls under the selectielijst's "V 5 jaar",
 *   a refused request at most 3 years). Default 5 years after the last change: the longer of the two
 *   readings, so it destroys nothing the selectielijst still requires; a municipality whose archivist
 *   agrees with 3 sets WEGWIJZER_BEWAARTERMIJN_TOEGANG=3.
 */

export const DOSSIER_TYPES = ["jeugdhulp", "toegang"] as const;
export type DossierType = (typeof DOSSIER_TYPES)[number];

export interface RetentionTerm {
  years: number;
  /** Shorter is refused: the legal minimum for the type. */
  minimumYears: number;
  legalBasis: string;
  /** From when the term counts, in plain Dutch (for the overview and the handbook). */
  countsFrom: string;
  /** Where the value can be changed. */
  envVar: string;
}

export type RetentionPolicy = Record<DossierType, RetentionTerm>;

export const DEFAULT_POLICY: RetentionPolicy = {
  jeugdhulp: {
    years: 20,
    minimumYears: 20,
    legalBasis: "Jeugdwet art. 7.3.8 lid 3",
    countsFrom: "het einde van de laatste zorg of de laatste wijziging van het dossier (wat later is)",
    envVar: "WEGWIJZER_BEWAARTERMIJN_JEUGDHULP",
  },
  toegang: {
    years: 5,
    minimumYears: 1,
    legalBasis:
      "Archiefwet 1995 met de selectielijst gemeenten (dossier van de toegang zonder jeugdhulp; zie Schulinck en VHIC)",
    countsFrom: "de laatste wijziging van het dossier",
    envVar: "WEGWIJZER_BEWAARTERMIJN_TOEGANG",
  },
};

/** The policy's longest plausible term: a typo like 200 is caught, 30 (OTS/voogdij-like) is not. */
const MAXIMUM_YEARS = 100;

export class RetentionConfigError extends Error {
  override name = "RetentionConfigError";
}

/** The policy with the terms the environment sets (whole years); a bad value is an error, not a default. */
export function policyFromEnv(
  env: Record<string, string | undefined> = process.env,
  base: RetentionPolicy = DEFAULT_POLICY,
): RetentionPolicy {
  const policy = { ...base };
  for (const type of DOSSIER_TYPES) {
    const term = base[type];
    const raw = env[term.envVar];
    if (raw === undefined || raw.trim() === "") continue;
    const value = raw.trim();
    if (!/^\d+$/.test(value)) {
      throw new RetentionConfigError(
        `${term.envVar} moet een heel aantal jaren zijn (bijvoorbeeld ${term.years}), niet '${raw}'`,
      );
    }
    const years = Number(value);
    if (years < term.minimumYears) {
      throw new RetentionConfigError(
        `${term.envVar} = ${years} is korter dan de wettelijke ${term.minimumYears} jaar (${term.legalBasis})`,
      );
    }
    if (years > MAXIMUM_YEARS) {
      throw new RetentionConfigError(
        `${term.envVar} = ${years} is langer dan ${MAXIMUM_YEARS} jaar: is dit een tikfout?`,
      );
    }
    policy[type] = { ...term, years };
  }
  return policy;
}

/** What the store knows of one dossier: aggregates over all its rows. */
export interface DossierDates {
  /** An allocation or a reported start of care, now or in the past. */
  hasCare: boolean;
  /** An allocation without end date, or task-based care started and not stopped. */
  careOpen: boolean;
  /** The last end date of an allocation or a reported stop; null when none has one. */
  lastCareEnd: IsoDate | null;
  /** The latest date anywhere in the dossier: made, requested, decided, started, ended, reported, sent. */
  lastChange: IsoDate;
}

export interface Retention {
  type: DossierType;
  years: number;
  legalBasis: string;
  /** Care runs on the day asked about: no destruction date yet. */
  running: boolean;
  /** The date the term counts from; null while care runs. */
  countsFrom: IsoDate | null;
  /** The first day the dossier may be destroyed; null while care runs. */
  destructionDate: IsoDate | null;
  /** The destruction date has come (on or before `today`). */
  due: boolean;
}

export function dossierType(d: Pick<DossierDates, "hasCare">): DossierType {
  return d.hasCare ? "jeugdhulp" : "toegang";
}

/**
 * A date plus whole years, never early: 29 February plus a number of years that lands in a common year
 * gives 1 March (date-fns' addYears would give 28 February, a day before the term has run). Plain text
 * arithmetic, because the overview computes this for every dossier (500,000 of them); the property test
 * checks it against date-fns.
 */
export function addTermYears(from: IsoDate, years: number): IsoDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(from);
  if (!m || !Number.isInteger(years) || years < 0)
    throw new Error(`ongeldige termijn: ${from} + ${years} jaar`);
  const year = Number(m[1]) + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const rest = m[2] === "02" && m[3] === "29" && !leap ? "03-01" : `${m[2]}-${m[3]}`;
  return `${String(year).padStart(4, "0")}-${rest}`;
}

const later = (a: IsoDate, b: IsoDate | null): IsoDate => (b !== null && b > a ? b : a);

/** The dossier's type, term and destruction date as of `today`. */
export function retentionOf(
  d: DossierDates,
  today: IsoDate,
  policy: RetentionPolicy = DEFAULT_POLICY,
): Retention {
  const type = dossierType(d);
  const term = policy[type];
  const running = d.careOpen || (d.lastCareEnd !== null && d.lastCareEnd >= today);
  const base = { type, years: term.years, legalBasis: term.legalBasis, running };
  if (running) return { ...base, countsFrom: null, destructionDate: null, due: false };
  const countsFrom = type === "jeugdhulp" ? later(d.lastChange, d.lastCareEnd) : d.lastChange;
  const destructionDate = addTermYears(countsFrom, term.years);
  return { ...base, countsFrom, destructionDate, due: destructionDate <= today };
}

// ---------------------------------------------------------------------------------------------------
// Destruction on request (Jeugdwet art. 7.3.9; ecosystem.md §4.1 and §4.4)

export const REQUESTER_RELATIONS = ["jeugdige", "ouder/gezaghebber", "anders"] as const;
export type RequesterRelation = (typeof REQUESTER_RELATIONS)[number];

export const REQUESTER_RELATION_NAMES: Record<RequesterRelation, string> = {
  jeugdige: "de jeugdige zelf",
  "ouder/gezaghebber": "een ouder of gezaghebber",
  anders: "iemand anders (bijvoorbeeld een wettelijk vertegenwoordiger of advocaat)",
};

/** The months the municipality has to destroy after a request (Jeugdwet art. 7.3.9 lid 1). */
export const REQUEST_DEADLINE_MONTHS = 3;

/** Below this age a child cannot ask for destruction itself: a parent or guardian asks (ecosystem.md §4.1). */
export const MINIMUM_AGE_OWN_REQUEST = 12;

/**
 * The day the destruction must be done: 3 months after the request. A month without that day ends on its
 * last day (30 November + 3 months = 28 or 29 February), which is the earlier reading and so the safe one
 * for a deadline the municipality has to meet.
 */
export function requestDeadline(requestedOn: IsoDate): IsoDate {
  return toIso(addMonths(toDate(requestedOn), REQUEST_DEADLINE_MONTHS));
}

/** The grounds on which a request may be refused (Jeugdwet art. 7.3.9), as data: a refusal names one. */
export const REFUSAL_GROUNDS = {
  "belang-ander": {
    text: "Bewaren is van aanmerkelijk belang voor een ander dan de jeugdige",
    legalBasis: "Jeugdwet art. 7.3.9",
  },
  "wettelijk-voorschrift": {
    text: "Een wettelijk voorschrift verzet zich tegen vernietiging",
    legalBasis: "Jeugdwet art. 7.3.9",
  },
} as const;
export type RefusalGround = keyof typeof REFUSAL_GROUNDS;
export const REFUSAL_GROUND_IDS = Object.keys(REFUSAL_GROUNDS) as RefusalGround[];

/** A refusal explains itself in a sentence the requester can read; a word or two is not enough. */
export const MINIMUM_REFUSAL_REASON = 10;

/** Why a request cannot be recorded as asked; [] when it can. */
export function requestProblems(input: {
  relation: string;
  requestedOn: IsoDate;
  birthDate: IsoDate | null;
}): Problem[] {
  const problems: Problem[] = [];
  if (!(REQUESTER_RELATIONS as readonly string[]).includes(input.relation)) {
    problems.push({
      field: "relation",
      value: input.relation,
      reason: `kies uit ${REQUESTER_RELATIONS.join(", ")}`,
      rule: "verzoeker",
    });
  } else if (
    input.relation === "jeugdige" &&
    input.birthDate !== null &&
    ageOn(input.birthDate, input.requestedOn) < MINIMUM_AGE_OWN_REQUEST
  ) {
    problems.push({
      field: "relation",
      value: input.relation,
      reason: `een kind jonger dan ${MINIMUM_AGE_OWN_REQUEST} jaar kan dit niet zelf vragen; een ouder of gezaghebber vraagt het`,
      rule: "leeftijd-verzoeker",
    });
  }
  return problems;
}

/** Why a refusal cannot be recorded as given; [] when it can. */
export function refusalProblems(refusal: { ground: string; reason: string }): Problem[] {
  const problems: Problem[] = [];
  if (!REFUSAL_GROUND_IDS.includes(refusal.ground as RefusalGround)) {
    problems.push({
      field: "ground",
      value: refusal.ground,
      reason: `kies uit ${REFUSAL_GROUND_IDS.join(", ")}`,
      rule: "weigergrond",
    });
  }
  if (refusal.reason.trim().length < MINIMUM_REFUSAL_REASON) {
    problems.push({
      field: "reason",
      value: refusal.reason,
      reason: `leg in ten minste ${MINIMUM_REFUSAL_REASON} tekens uit waarom het verzoek wordt geweigerd`,
      rule: "weigerreden",
    });
  }
  return problems;
}
