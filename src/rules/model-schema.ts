import { z } from "zod";
import "../domain/zod-nl.ts";

/**
 * The file format of a region model (regions/<id>/*.yaml). The zod schemas are the format's single
 * definition: the loader validates with them and docs/ontwikkelaars/regiomodel.md explains them.
 */

const isoDate = z.iso.date({ error: "moet een datum zijn in de vorm JJJJ-MM-DD" });
/** Segment ids are text; a bare number in YAML (segment: 1) is read as its text ("1"). */
const segmentRef = z.union([z.string().min(1), z.number()]).transform(String);
const textItem = z.union([z.string().min(1), z.number()]).transform(String);

const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: "alleen kleine letters, cijfers en '-'" });

/** A citation: a source document id from region.yaml, plus where in it. */
export const sourceRefSchema = z.strictObject({
  doc: z.string().min(1),
  section: z.string().min(1).optional(),
  quote: z.string().min(1).optional(),
});
export type SourceRef = z.infer<typeof sourceRefSchema>;

/** An arithmetic expression: a number, a fact path, a $parameter, or an operation on expressions. */
export type Expr =
  | number
  | string
  | { sum: Expr[] }
  | { subtract: [Expr, Expr] }
  | { multiply: Expr[] }
  | { divide: [Expr, Expr] };

export const exprSchema: z.ZodType<Expr> = z.lazy(() =>
  z.union([
    z.number(),
    z.string().min(1),
    z.strictObject({ sum: z.array(exprSchema).min(1) }),
    z.strictObject({ subtract: z.tuple([exprSchema, exprSchema]) }),
    z.strictObject({ multiply: z.array(exprSchema).min(1) }),
    z.strictObject({ divide: z.tuple([exprSchema, exprSchema]) }),
  ]),
);

export const comparisonOps = ["atLeast", "above", "atMost", "below"] as const;
export const valueOps = ["is", "isNot"] as const;
export const listOps = ["in", "notIn", "includesAny", "includesNone", "includesAll"] as const;
export type ComparisonOp = (typeof comparisonOps)[number];

const literal = z.union([z.string(), z.number(), z.boolean()]);

/** One test on one fact. Exactly one operator key besides `fact`. */
export const factTestSchema = z
  .strictObject({
    fact: z.string().min(1),
    is: literal.optional(),
    isNot: literal.optional(),
    in: z.array(literal).min(1).optional(),
    notIn: z.array(literal).min(1).optional(),
    includesAny: z.array(textItem).min(1).optional(),
    includesNone: z.array(textItem).min(1).optional(),
    includesAll: z.array(textItem).min(1).optional(),
    atLeast: exprSchema.optional(),
    above: exprSchema.optional(),
    atMost: exprSchema.optional(),
    below: exprSchema.optional(),
    known: z.boolean().optional(),
  })
  .refine((t) => operatorKeys(t).length === 1, {
    error:
      "een voorwaarde heeft precies één operator (is, isNot, in, notIn, includesAny, includesNone, includesAll, atLeast, above, atMost, below, known)",
  });

export const operatorNames = [
  "is",
  "isNot",
  "in",
  "notIn",
  "includesAny",
  "includesNone",
  "includesAll",
  "atLeast",
  "above",
  "atMost",
  "below",
  "known",
] as const;
export type OperatorName = (typeof operatorNames)[number];

export function operatorKeys(t: Record<string, unknown>): OperatorName[] {
  return operatorNames.filter((k) => t[k] !== undefined);
}

export type FactTest = z.infer<typeof factTestSchema>;
export type Condition = FactTest | { all: Condition[] } | { any: Condition[] } | { not: Condition };

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ all: z.array(conditionSchema).min(1) }),
    z.strictObject({ any: z.array(conditionSchema).min(1) }),
    z.strictObject({ not: conditionSchema }),
    factTestSchema,
  ]),
);

const validity = {
  validFrom: isoDate.optional(),
  validTo: isoDate.optional(),
};

export const decisionKinds = [
  "eligibility",
  "segment",
  "profile",
  "intensity",
  "route",
  "coordination",
  "warning",
  // Evaluated on a provider's facts (partner-check), not on a case.
  "criterion",
] as const;
export type DecisionKind = (typeof decisionKinds)[number];

export const thenSchema = z.strictObject({
  // eligibility
  eligible: z.boolean().optional(),
  reason: z.string().optional(),
  // segment
  segment: segmentRef.optional(),
  subsegment: z.string().optional(),
  products: z.array(z.string()).optional(),
  // profile and intensity (e.g. SPIC)
  profile: textItem.optional(),
  intensity: z.string().optional(),
  // criterion: does it judge this provider, or the selection of providers as a whole?
  scope: z.enum(["aanbieder", "selectie"]).optional(),
  // route
  route: z
    .strictObject({
      referTo: z.string().min(1),
      decidedBy: z.string().min(1).optional(),
      decisionBy: z.string().min(1).optional(),
      request: z.string().min(1).optional(),
    })
    .optional(),
  // coordination
  coordinator: z.string().optional(),
  level: z.enum(["casus", "gezin", "domeinoverstijgend"]).optional(),
  // warning and eligibility
  code: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]*$/, { error: "een code is in HOOFDLETTERS_MET_LIGGENDE_STREEPJES" })
    .optional(),
  severity: z.enum(["info", "let-op", "belangrijk", "geweigerd"]).optional(),
  message: z.string().optional(),
});
export type Then = z.infer<typeof thenSchema>;

export const ruleSchema = z.strictObject({
  id: slug,
  when: z.array(conditionSchema).default([]),
  then: thenSchema,
  explain: z.string().min(1),
  source: sourceRefSchema.optional(),
  overrides: z.string().optional(),
  reason: z.string().min(1).optional(),
  ...validity,
});
export type Rule = z.infer<typeof ruleSchema>;

export const decisionSchema = z.strictObject({
  id: slug,
  kind: z.enum(decisionKinds),
  title: z.string().min(1),
  hitPolicy: z.enum(["first", "unique", "collect"]),
  /** With `exhaustive: true` a case that no row covers is an error of the model, not a finding. */
  exhaustive: z.boolean().default(false),
  /** Under first hit: why the order of the rows is the policy's order of priority (overlaps are then intended). */
  priorityReason: z.string().min(1).optional(),
  rules: z.array(ruleSchema).min(1),
});
export type Decision = z.infer<typeof decisionSchema>;

export const parameterSchema = z.strictObject({
  description: z.string().min(1),
  unit: z.string().optional(),
  /** Set where the source leaves the number open and the value is our reading, not policy. */
  localChoice: z.strictObject({ reason: z.string().min(1) }).optional(),
  overrides: z.boolean().optional(),
  reason: z.string().optional(),
  values: z
    .array(
      z.strictObject({
        from: isoDate,
        to: isoDate.optional(),
        /** null: the source states that there is a value but it is lost or unknown. */
        value: z.union([z.number(), z.string(), z.boolean(), z.null()]),
        source: sourceRefSchema.optional(),
      }),
    )
    .min(1),
});
export type Parameter = z.infer<typeof parameterSchema>;

export const derivedSchema = z.strictObject({
  description: z.string().min(1),
  expr: exprSchema,
  localChoice: z.strictObject({ reason: z.string().min(1) }).optional(),
  source: sourceRefSchema.optional(),
});

const ijwSchema = z.strictObject({
  category: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  code: z
    .string()
    .regex(/^[0-9A-Z]{5}$/)
    .optional(),
  unit: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
});

export const productSchema = z.strictObject({
  id: slug,
  name: z.string().min(1),
  careForms: z.array(z.string()).default([]),
  subsegment: z.string().optional(),
  ijw: ijwSchema.optional(),
  maxDuration: z
    .string()
    .regex(/^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/)
    .optional(),
  source: sourceRefSchema.optional(),
});

export const deadlineSchema = z.strictObject({
  id: slug,
  label: z.string().min(1),
  /** The moment the period runs from. */
  from: z.enum(["aanmelding"]),
  period: z.string().regex(/^P(\d+W|\d+D|\d+M)$/, {
    error: "een termijn als P6W (weken), P14D (dagen) of P2M (maanden)",
  }),
  consequence: z.string().min(1).optional(),
  source: sourceRefSchema.optional(),
});

export const segmentSchema = z.strictObject({
  id: segmentRef,
  name: z.string().min(1),
  description: z.string().min(1),
  ...validity,
  subsegments: z
    .array(z.strictObject({ id: slug, name: z.string().min(1), source: sourceRefSchema.optional() }))
    .default([]),
  products: z.array(productSchema).default([]),
  supersedes: z.array(segmentRef).default([]),
  supersedesReason: z.string().optional(),
  financing: z.strictObject({
    type: z.enum(["taakgericht", "pxq", "trajectprijs", "onbekend"]),
    unit: z.string().optional(),
    budgetCeiling: z.string().optional(),
    description: z.string().min(1),
    source: sourceRefSchema.optional(),
  }),
  duration: z.strictObject({
    noEndDate: z.boolean().default(false),
    max: z
      .string()
      .regex(/^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/)
      .optional(),
    guideline: z.string().min(1),
    source: sourceRefSchema.optional(),
  }),
  deadlines: z.array(deadlineSchema).default([]),
  profiles: z
    .array(z.strictObject({ id: textItem, name: z.string().min(1), source: sourceRefSchema.optional() }))
    .default([]),
  intensities: z
    .array(
      z.strictObject({
        id: slug,
        name: z.string().min(1),
        guideline: z.string().min(1),
        payment: z.string().min(1).optional(),
        source: sourceRefSchema.optional(),
      }),
    )
    .default([]),
  /**
   * iJw product code per profile x intensity: a table the region fills in. A missing row means the code
   * is not known; the advice says so and never invents one.
   */
  productCodes: z
    .array(
      z.strictObject({
        profile: textItem,
        intensity: slug,
        code: z.string().regex(/^[0-9A-Z]{5}$/),
        validFrom: isoDate.optional(),
        validTo: isoDate.optional(),
        source: sourceRefSchema.optional(),
      }),
    )
    .default([]),
  purchaseAreas: z
    .array(
      z.strictObject({
        id: slug,
        name: z.string().min(1),
        municipalities: z.array(z.string().regex(/^\d{4}$/)).min(1),
        source: sourceRefSchema.optional(),
      }),
    )
    .default([]),
  provider: z.string().optional(),
  source: sourceRefSchema.optional(),
});
export type Segment = z.infer<typeof segmentSchema>;

export const regionFileSchema = z.strictObject({
  id: slug,
  name: z.string().min(1),
  kind: z.enum(["baseline", "region"]).default("region"),
  extends: slug.optional(),
  version: z.string().min(1),
  description: z.string().min(1),
  ...validity,
  sources: z
    .array(
      z
        .strictObject({
          id: z.string().min(1),
          title: z.string().min(1),
          file: z.string().optional(),
          url: z.url().optional(),
        })
        .refine((s) => Boolean(s.file) !== Boolean(s.url), {
          error: "een bron heeft óf een file óf een url",
        }),
    )
    .min(1),
});

export const municipalitiesFileSchema = z.strictObject({
  municipalities: z.array(
    z.strictObject({
      cbs: z.string().regex(/^\d{4}$/),
      name: z.string().min(1),
      from: isoDate,
      to: isoDate.optional(),
      /** Partial membership: only these segments are bought through this region. */
      segments: z.array(segmentRef).optional(),
      note: z.string().optional(),
      source: sourceRefSchema.optional(),
    }),
  ),
});

export const parametersFileSchema = z.strictObject({
  parameters: z.record(slug, parameterSchema),
  derived: z.record(slug, derivedSchema).default({}),
});

export const segmentsFileSchema = z.strictObject({ segments: z.array(segmentSchema) });
export const decisionFileSchema = decisionSchema;

export const caseFileSchema = z.strictObject({
  cases: z.array(
    z.strictObject({
      name: z.string().min(1),
      asOf: isoDate.optional(),
      facts: z.record(z.string(), z.unknown()),
      expect: z.strictObject({
        eligible: z.union([z.boolean(), z.null()]).optional(),
        eligibilityCode: z.string().optional(),
        coordination: z
          .array(
            z.strictObject({
              coordinator: z.string(),
              level: z.enum(["casus", "gezin", "domeinoverstijgend"]),
            }),
          )
          .optional(),
        segments: z.array(segmentRef).optional(),
        subsegments: z.array(z.string()).optional(),
        /** "segment/profile", e.g. "B/3" */
        profiles: z.array(z.string()).optional(),
        /** "segment/intensity", e.g. "B/perspectief" */
        intensities: z.array(z.string()).optional(),
        products: z.array(z.string()).optional(),
        routeTo: z.string().optional(),
        coordinators: z.array(z.string()).optional(),
        warnings: z.array(z.string()).optional(),
        noWarnings: z.array(z.string()).optional(),
        missing: z.array(z.string()).optional(),
        complete: z.boolean().optional(),
        fires: z.array(z.string()).optional(),
        notFires: z.array(z.string()).optional(),
        deadlines: z.record(z.string(), isoDate).optional(),
        purchaseArea: z.string().optional(),
      }),
    }),
  ),
});
export type CaseFile = z.infer<typeof caseFileSchema>;
export type TestCase = CaseFile["cases"][number];

/** Test cases for `criterion` decisions: a provider's facts in, the verdict and criteria out. */
export const partnerCaseFileSchema = z.strictObject({
  cases: z.array(
    z.strictObject({
      name: z.string().min(1),
      asOf: isoDate.optional(),
      provider: z.record(z.string(), z.unknown()),
      expect: z.strictObject({
        verdict: z.enum(["voldoet", "voldoet-niet", "onbekend"]).optional(),
        met: z.array(z.string()).optional(),
        notMet: z.array(z.string()).optional(),
        unknown: z.array(z.string()).optional(),
        unknownParameters: z.array(z.string()).optional(),
      }),
    }),
  ),
});
export type PartnerCase = z.infer<typeof partnerCaseFileSchema>["cases"][number];
