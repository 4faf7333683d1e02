import { z } from "zod";
import type { RegionDiff } from "../rules/diff.ts";
import type { DecisionView } from "../rules/rule-view.ts";
import { regionIdSchema } from "./schemas.ts";

/**
 * The region model viewer's answers (issue 7 item 6): the decision tables with their rules in plain
 * Dutch, sources and test cases (GET /regions/{id}/rules), and the differences between two regions
 * (GET /regions/{id}/differences?with=…). Region models hold no personal data: these need no login.
 */

const isoDate = z.iso.date({ error: "moet een bestaande datum zijn in de vorm JJJJ-MM-DD" });
const dateText = z.string().describe("datum JJJJ-MM-DD");

export const regionDateQuerySchema = z.strictObject({
  datum: isoDate
    .optional()
    .describe("de waarden van de getallen in de voorwaarden gelden op deze datum; standaard vandaag"),
});

export const regionDiffQuerySchema = z.strictObject({
  with: regionIdSchema.describe("de regio om mee te vergelijken"),
  datum: isoDate
    .optional()
    .describe("de waarden van de getallen in de voorwaarden gelden op deze datum; standaard vandaag"),
});

const citedSourceSchema = z.object({
  doc: z.string().describe("id van de bron in region.yaml"),
  title: z.string(),
  file: z.string().optional().describe("bestandsnaam van het brondocument"),
  url: z.string().optional(),
  section: z.string().optional(),
  quote: z.string().optional().describe("het citaat uit de bron"),
});

const ruleViewSchema = z.object({
  id: z.string(),
  layer: z.string().describe("het model waarin de regel staat: de regio of het basismodel"),
  conditions: z.array(z.string()).describe("de voorwaarden in gewone taal; alle moeten waar zijn"),
  outcome: z.string().describe("wat de regel beslist, in een paar woorden"),
  explain: z.string().describe("de uitleg zoals het model hem geeft; {…} vult het advies in"),
  validFrom: dateText.optional(),
  validTo: dateText.optional(),
  overrides: z.object({ rule: z.string(), reason: z.string().optional() }).optional(),
  source: citedSourceSchema.optional(),
  origin: z.string().describe("bestand:regel in het model"),
  cases: z
    .array(z.object({ name: z.string(), origin: z.string() }))
    .describe("de testgevallen waarin deze regel geldt"),
});

export const regionRulesSchema = z
  .object({
    region: z.string(),
    asOf: dateText.describe("de datum van de getallen in de voorwaarden"),
    decisions: z.array(
      z.object({
        id: z.string(),
        kind: z.string(),
        title: z.string(),
        hitPolicy: z.enum(["first", "unique", "collect"]),
        priorityReason: z.string().optional(),
        rules: z.array(ruleViewSchema),
      }),
    ),
  })
  .meta({
    id: "RegionRules",
    description: "De beslisregels van een regiomodel met voorwaarden, bron en testgevallen",
  });

const regionRefSchema = z.object({ id: z.string(), name: z.string(), version: z.string() });
const segmentBriefSchema = z.object({ id: z.string(), name: z.string() });
const parameterValueSchema = z.object({
  from: dateText,
  to: dateText.optional(),
  value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
});
const parameterBriefSchema = z.object({
  name: z.string(),
  description: z.string(),
  unit: z.string().optional(),
  values: z.array(parameterValueSchema),
});
const ruleBriefSchema = z.object({
  decision: z.string(),
  decisionTitle: z.string(),
  rule: z.string(),
  layer: z.string(),
  conditions: z.array(z.string()),
  outcome: z.string(),
});

export const regionDiffSchema = z
  .object({
    a: regionRefSchema.describe("de regio van het pad"),
    b: regionRefSchema.describe("de regio van `with`"),
    asOf: dateText,
    segments: z.object({
      onlyInA: z.array(segmentBriefSchema),
      onlyInB: z.array(segmentBriefSchema),
      changed: z.array(
        z.object({
          id: z.string(),
          name: z.object({ a: z.string(), b: z.string() }),
          fields: z.array(z.string()).describe("wat verschilt: naam, financiering, producten, …"),
        }),
      ),
      same: z.number().int(),
    }),
    parameters: z.object({
      onlyInA: z.array(parameterBriefSchema),
      onlyInB: z.array(parameterBriefSchema),
      changed: z.array(
        z.object({
          name: z.string(),
          description: z.string(),
          unit: z.string().optional(),
          a: z.array(parameterValueSchema),
          b: z.array(parameterValueSchema),
        }),
      ),
      same: z.number().int(),
    }),
    rules: z.object({
      removed: z.array(ruleBriefSchema).describe("alleen in a"),
      added: z.array(ruleBriefSchema).describe("alleen in b"),
      changed: z.array(
        z.object({
          decision: z.string(),
          decisionTitle: z.string(),
          rule: z.string(),
          fields: z
            .array(z.string())
            .describe("wat verschilt: voorwaarden, uitkomst, geldigheid, bron, uitleg"),
          a: ruleBriefSchema,
          b: ruleBriefSchema,
        }),
      ),
      same: z.number().int(),
    }),
  })
  .meta({
    id: "RegionDiff",
    description: "Wat verschilt tussen twee regiomodellen: segmenten, getallen en regels",
  });

/** The schemas describe the pure modules' types: the type check fails when one no longer fits the other. */
export const regionViewSchemasFit: [
  z.ZodType<{ decisions: DecisionView[] }, { decisions: DecisionView[] }>,
  z.ZodType<RegionDiff, RegionDiff>,
] = [regionRulesSchema.pick({ decisions: true }), regionDiffSchema];
