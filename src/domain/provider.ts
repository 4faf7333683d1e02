import { z } from "zod";
import "./zod-nl.ts";
import { CaseValidationError, inputIssues } from "./case.ts";

/**
 * What a region may ask of a care provider that applies to be a strategic partner (002: the
 * qualitative and quantitative selection criteria of segment 1). Every field is optional: a criterion
 * whose fact is missing is reported as unknown, never as met or failed.
 */
export const intensiveAmbulantForms = ["mst", "mdft", "rgt", "fact", "jeugd-fact", "iag", "ifact"] as const;

export const providerSchema = z
  .strictObject({
    name: z.string().min(1).optional().describe("naam van de aanbieder"),
    agb: z
      .string()
      .regex(/^\d{8}$/, { error: "moet een AGB-code van 8 cijfers zijn" })
      .optional(),
    crisisCapacity: z.boolean().optional().describe("(crisis)bedden of verblijfscapaciteit beschikbaar"),
    expertiseTreatmentWithEducationAndHousing: z
      .boolean()
      .optional()
      .describe("expertise met behandeling waarbij onderwijs en huisvesting in één zit"),
    intensiveAmbulantOffer: z
      .array(z.enum(intensiveAmbulantForms))
      .optional()
      .describe("intensief ambulant aanbod dat de aanbieder aantoonbaar levert"),
    deliversMostCareItself: z.boolean().optional().describe("levert het grootste deel van de zorg zelf"),
    addictionCare: z
      .boolean()
      .optional()
      .describe("kan verslavingszorg organiseren en heeft daarin ervaring"),
    revenueSegment1In2020: z
      .number()
      .min(0, { error: "mag niet negatief zijn" })
      .optional()
      .describe("omzet in segment 1 in 2020, in euro"),
    uniqueClientsSegment1In2020: z
      .number()
      .int()
      .min(0, { error: "mag niet negatief zijn" })
      .optional()
      .describe("aantal unieke cliënten in segment 1 in 2020"),
  })
  .describe("Gegevens van een aanbieder voor de selectie van strategische partners");

export type ProviderFacts = z.infer<typeof providerSchema>;

export function parseProvider(input: unknown): ProviderFacts {
  const result = providerSchema.safeParse(input);
  if (result.success) return result.data;
  throw new CaseValidationError(
    inputIssues(result.error, input),
    "De aanbiedergegevens zijn niet goed gevormd",
  );
}
