import { z } from "zod";
import "./zod-nl.ts";

/**
 * The intake facts of one child at one request date (design.md §3).
 * Every field is optional on purpose: an incomplete case still gets an advice, and the engine tells
 * which of the missing facts could still change the outcome. Unknown keys are refused, so a typo in a
 * field name never silently turns into "fact unknown".
 */

const isoDate = z.iso.date({ error: "moet een datum zijn in de vorm JJJJ-MM-DD" });

export const referrers = [
  "gemeente",
  "huisarts",
  "jeugdarts",
  "gi",
  "medisch-specialist",
  "zelfverwijzer",
  "rechter",
] as const;

export const problemKinds = [
  "klinische-stoornis",
  "gedrag",
  "persoonlijkheid",
  "ontwikkelingsachterstand",
  "gezondheid",
  "opvoeding-gezin",
  "school",
  "psychisch",
  "psychosociaal",
  "verslaving",
  "verstandelijke-beperking",
  "lichamelijke-beperking-nah",
  "zintuiglijke-beperking",
  "adl",
] as const;

export const lifeDomainKinds = [
  "gezin",
  "school",
  "vrije-tijd",
  "wonen",
  "werk",
  "financien",
  "veiligheid",
] as const;

export const parentFactorKinds = [
  "relatieconflict-scheiding",
  "opvoedproblemen",
  "ziekte-of-beperking",
  "psychiatrische-problemen",
  "multiprobleemgezin",
] as const;

export const careForms = [
  "mst",
  "mdft",
  "rgt",
  "fact",
  "ifact",
  "iag",
  "jim",
  "lta",
  "transforensisch",
  "dagbehandeling",
  "jeugdzorg-plus",
  "verblijf-middelzwaar",
  "verblijf-zwaar",
  "verblijf-extra-zwaar",
  "behandelverblijf-open",
  "behandelverblijf-gesloten",
  "behandelverblijf-forensisch",
  "pleegzorg",
  "gezinshuis",
  "woonleefgroep",
  "kamertraining",
  "fasehuis",
  "dagbegeleiding",
  "respijtzorg",
  "crisis",
  "ggz-basis",
  "ggz-behandeling",
  "ggz-specialistisch",
  "ggz-hoog-specialistisch",
  "ggz-begeleiding",
  "joh-behandeling",
  "joh-begeleiding",
  "ghz-behandeling",
  "ghz-begeleiding",
  "verzorging",
  "vaktherapie",
  "medicatiecontrole",
  "systeeminterventie",
  "ambulante-spoedhulp",
  "persoonlijke-verzorging",
  "ondersteuning-individueel",
  "ondersteuning-groep",
  "behandeling-individueel",
  "behandeling-groep",
  "vervoer",
  "ggz-generalistisch",
  "verblijf-groep",
  "wonen-zelfstandigheid",
  "verblijf-complex",
  "crisiszorg-ggz",
  "opvoed-gezinsondersteuning",
] as const;

export const otherDomainKinds = ["wmo", "schuldhulp", "zvw", "wlz", "onderwijs"] as const;

const hours = z
  .number({ error: "moet een aantal uren zijn (getal)" })
  .min(0, { error: "mag niet negatief zijn" })
  .max(100_000, { error: "is onwaarschijnlijk groot (meer dan 100.000 uur)" });

const segmentText = z.string().min(1, { error: "mag niet leeg zijn" });

export const currentCareSchema = z.strictObject({
  region: z.string().optional(),
  segment: segmentText,
  profile: z.string().optional(),
  intensity: z.string().optional(),
  product: z.string().optional(),
  provider: z.string().optional(),
  since: isoDate.optional(),
});

export const caseSchema = z
  .strictObject({
    requestDate: isoDate.optional().describe("datum aanmelding; kiest de regelversies die gelden"),
    municipality: z
      .string()
      .regex(/^\d{4}$/, { error: "moet een CBS-gemeentecode van 4 cijfers zijn, bijvoorbeeld 0855" })
      .optional()
      .describe("woonplaats (woonplaatsbeginsel), CBS-code"),
    birthDate: isoDate.optional().describe("geboortedatum"),
    referrer: z.enum(referrers).optional().describe("verwijzer (iJw COD327)"),
    problems: z.array(z.enum(problemKinds)).optional().describe("problematiek"),
    complexity: z
      .enum(["enkelvoudig", "meervoudig"])
      .optional()
      .describe("enkelvoudige of meervoudige problematiek"),
    lifeDomains: z.array(z.enum(lifeDomainKinds)).optional().describe("leefgebieden waarop vragen spelen"),
    coordinatedMultidisciplinary: z
      .boolean()
      .optional()
      .describe("gecoördineerde inzet van meerdere disciplines of interventie in het hele systeem nodig"),
    family: z
      .strictObject({
        interventionsForSeveralMembers: z.boolean().optional(),
        protectiveFactors: z.enum(["geen", "weinig", "veel"]).optional(),
        riskFactors: z.enum(["geen", "enkele", "zwaar"]).optional(),
        unsafe: z.boolean().optional(),
      })
      .optional()
      .describe("gezinskenmerken en veiligheid"),
    parentFactors: z.array(z.enum(parentFactorKinds)).optional().describe("ouderfactoren"),
    intelligence: z.enum(["normaal", "beneden-gemiddeld"]).optional().describe("(L)VB"),
    crisis: z.boolean().optional().describe("crisis"),
    estimatedHours: z
      .strictObject({ begeleiding: hours.optional(), behandeling: hours.optional() })
      .optional()
      .describe("geschatte uren voor het hele traject, alleen deze jeugdige"),
    requestedCare: z.array(z.enum(careForms)).optional().describe("gevraagde zorgvormen"),
    residentialCentral: z.boolean().optional().describe("woonfunctie staat centraal"),
    developmentPerspective: z.boolean().optional().describe("ontwikkelperspectief"),
    protectionMeasure: z
      .enum(["geen", "jeugdbescherming", "jeugdreclassering"])
      .optional()
      .describe("maatregel"),
    otherDomains: z.array(z.enum(otherDomainKinds)).optional().describe("hulp uit andere domeinen"),
    outlook: z
      .strictObject({
        aim: z.enum(["herstel", "stabiliseren"]).optional(),
        severity: z
          .enum(["licht", "zwaar"])
          .optional()
          .describe(
            "zwaarte: licht (niet vaak hulp nodig) of zwaar (veel en vaak hulp, moeilijk te behandelen)",
          ),
        expectedMonths: z
          .number()
          .int()
          .min(0, { error: "mag niet negatief zijn" })
          .max(240, { error: "mag niet meer dan 240 maanden (20 jaar) zijn" })
          .optional(),
      })
      .optional()
      .describe("herstel of duurzaam"),
    treatmentNeeded: z.boolean().optional().describe("DSM-5-behandeling nodig"),
    aimReturnHome: z.boolean().optional().describe("gericht op terugkeer naar huis"),
    afterCrisisIntervention: z.boolean().optional().describe("na een crisisinterventie"),
    currentCare: z.array(currentCareSchema).optional().describe("lopende toewijzingen"),
    siblings: z
      .array(z.strictObject({ segment: segmentText, region: z.string().optional() }))
      .optional()
      .describe("segmenten van broers en zussen die jeugdhulp krijgen"),
  })
  .describe("Casusfeiten (vraaganalyse) van één jeugdige op één aanmelddatum");

export type CaseFacts = z.infer<typeof caseSchema>;

export interface CaseIssue {
  field: string;
  value: unknown;
  reason: string;
}

export class CaseValidationError extends Error {
  constructor(
    readonly issues: CaseIssue[],
    title = "De casus is niet goed gevormd",
  ) {
    super(
      `${title}:\n${issues.map((i) => `- ${i.field} = ${JSON.stringify(i.value)}: ${i.reason}`).join("\n")}`,
    );
    this.name = "CaseValidationError";
  }
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let current: unknown = input;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Validates raw input at the edge; throws CaseValidationError naming field, value and reason. */
export function parseCase(input: unknown): CaseFacts {
  const result = caseSchema.safeParse(input);
  if (result.success) return result.data;
  throw new CaseValidationError(inputIssues(result.error, input));
}

/** Zod's issues as field, value and a Dutch reason, for any input validated at the edge. */
export function inputIssues(error: z.ZodError, input: unknown): CaseIssue[] {
  const result = { error };
  const issues: CaseIssue[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        issues.push({
          field: path.join(".") || "(casus)",
          value: valueAt(input, path),
          reason: "onbekend veld",
        });
      }
      continue;
    }
    issues.push({
      field: issue.path.join(".") || "(casus)",
      value: valueAt(input, issue.path),
      reason: dutchReason(issue),
    });
  }
  return issues;
}

/** A Dutch reason for one zod issue; the CLI and the HTTP API use the same words. */
export function dutchReason(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "invalid_value":
      return `moet een van deze waarden zijn: ${issue.values.map((v) => String(v)).join(", ")}`;
    case "invalid_type":
      return issue.expected === "object" && issue.path.length === 0
        ? "een casus moet een JSON-object zijn"
        : `verwacht ${dutchType(issue.expected)}`;
    default:
      return issue.message;
  }
}

function dutchType(expected: string): string {
  const names: Record<string, string> = {
    string: "tekst",
    number: "een getal",
    int: "een geheel getal",
    boolean: "ja/nee (true of false)",
    array: "een lijst",
    object: "een object",
  };
  return names[expected] ?? expected;
}

export function caseJsonSchema(): unknown {
  return z.toJSONSchema(caseSchema, { target: "draft-2020-12" });
}
