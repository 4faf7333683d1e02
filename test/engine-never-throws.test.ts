import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Advice } from "../src/domain/advice.ts";
import {
  careForms,
  caseSchema,
  currentCareSchema,
  lifeDomainKinds,
  otherDomainKinds,
  parentFactorKinds,
  parseCase,
  problemKinds,
  referrers,
} from "../src/domain/case.ts";
import { compileRegion } from "../src/rules/engine.ts";
import { listRegionIds, loadRegion } from "../src/rules/load.ts";

/**
 * Property: for every region and every well-formed case (any subset of the fields, empty lists,
 * extreme hours, dates from 2000 to 2030, every enum value), the engine gives an advice with the
 * full shape, cites a source for every rule it applied, explains an empty segment list, asks only
 * for real case fields, and gives the same advice twice.
 */

const regionIds = listRegionIds();
const regions = regionIds.map((id) => compileRegion(loadRegion(id)));

// Values that occur in the models, so the generator hits members, segments and thresholds often.
const memberCodes = [...new Set(regions.flatMap((r) => r.model.municipalities.map((m) => m.cbs)))];
const segmentIds = [...new Set(regions.flatMap((r) => r.model.segments.map((s) => s.id)))];
const thresholds = [
  ...new Set(
    regions.flatMap((r) =>
      Object.values(r.model.parameters).flatMap((p) =>
        p.values.map((v) => v.value).filter((v): v is number => typeof v === "number" && v >= 1 && v <= 5000),
      ),
    ),
  ),
];

const shape = caseSchema.shape;
const nested = {
  family: shape.family.unwrap().shape,
  estimatedHours: shape.estimatedHours.unwrap().shape,
  outlook: shape.outlook.unwrap().shape,
};

const isoDate = (fromYear: number, toYear: number) =>
  fc
    .date({
      min: new Date(Date.UTC(fromYear, 0, 1)),
      max: new Date(Date.UTC(toYear, 11, 31)),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
const date = isoDate(2000, 2030);
const hours = fc.oneof(
  fc.integer({ min: 0, max: 5000 }),
  fc.double({ min: 0, max: 5000, noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, 5000, ...thresholds.flatMap((t) => [t, t - 0.5, t * 0.9, t * 0.9 - 0.01])),
);
const listOf = <T>(values: readonly T[]) => fc.array(fc.constantFrom(...values), { maxLength: 6 });
const segmentId = fc.oneof(fc.constantFrom(...segmentIds, "99"), fc.string({ minLength: 1, maxLength: 4 }));
const regionRef = fc.constantFrom(...regionIds, "andere-regio");

const caseFields = {
  requestDate: date,
  municipality: fc.oneof(
    { arbitrary: fc.constantFrom(...memberCodes), weight: 3 },
    { arbitrary: fc.stringMatching(/^\d{4}$/), weight: 1 },
  ),
  // Any date, but often a child's, so that most runs get past the age limit.
  birthDate: fc.oneof(date, isoDate(2010, 2024)),
  referrer: fc.constantFrom(...referrers),
  problems: listOf(problemKinds),
  complexity: fc.constantFrom(...shape.complexity.unwrap().options),
  lifeDomains: listOf(lifeDomainKinds),
  coordinatedMultidisciplinary: fc.boolean(),
  family: fc.record(
    {
      interventionsForSeveralMembers: fc.boolean(),
      protectiveFactors: fc.constantFrom(...nested.family.protectiveFactors.unwrap().options),
      riskFactors: fc.constantFrom(...nested.family.riskFactors.unwrap().options),
      unsafe: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
  parentFactors: listOf(parentFactorKinds),
  intelligence: fc.constantFrom(...shape.intelligence.unwrap().options),
  crisis: fc.boolean(),
  estimatedHours: fc.record({ begeleiding: hours, behandeling: hours }, { requiredKeys: [] }),
  requestedCare: listOf(careForms),
  residentialCentral: fc.boolean(),
  developmentPerspective: fc.oneof(
    { arbitrary: fc.constant(true), weight: 3 },
    { arbitrary: fc.constant(false), weight: 1 },
  ),
  protectionMeasure: fc.constantFrom(...shape.protectionMeasure.unwrap().options),
  otherDomains: listOf(otherDomainKinds),
  outlook: fc.record(
    {
      aim: fc.constantFrom(...nested.outlook.aim.unwrap().options),
      severity: fc.constantFrom(...nested.outlook.severity.unwrap().options),
      expectedMonths: fc.integer({ min: 0, max: 240 }),
    },
    { requiredKeys: [] },
  ),
  treatmentNeeded: fc.boolean(),
  aimReturnHome: fc.boolean(),
  afterCrisisIntervention: fc.boolean(),
  currentCare: fc.array(
    fc.record(
      {
        region: regionRef,
        segment: segmentId,
        profile: fc.constantFrom("1", "2", "6", "11"),
        intensity: fc.constantFrom("perspectief", "intensief", "duurzaam-licht", "duurzaam-zwaar"),
        product: fc.string({ maxLength: 8 }),
        provider: fc.string({ maxLength: 8 }),
        since: date,
      },
      { requiredKeys: ["segment"] },
    ),
    { maxLength: 3 },
  ),
  siblings: fc.array(fc.record({ segment: segmentId, region: regionRef }, { requiredKeys: ["segment"] }), {
    maxLength: 3,
  }),
};

const rawCase = fc.record(caseFields, { requiredKeys: [] });
// Half of the dates fall where the regional models are valid, so most runs reach the rules.
const asOfDate = fc.oneof(date, isoDate(2023, 2030));

/** A missing fact must be something a professional can answer: a (nested) field of the case. */
function isCaseField(path: string): boolean {
  const [top, sub, ...rest] = path.split(".");
  if (!top || !(top in shape) || rest.length > 0) return false;
  if (sub === undefined) return true;
  const inner = nested[top as keyof typeof nested] as Record<string, unknown> | undefined;
  return inner !== undefined && sub in inner;
}

const adviceKeys = [
  "region",
  "asOf",
  "eligible",
  "segments",
  "route",
  "coordination",
  "duration",
  "financing",
  "deadlines",
  "warnings",
  "missing",
  "trace",
  "receipt",
] as const;

function checkAdvice(advice: Advice, modelHash: string, asOf: string): void {
  for (const key of adviceKeys) expect(advice).toHaveProperty(key);
  expect(advice.asOf).toBe(asOf);
  for (const s of advice.segments) expect(s.id).toEqual(expect.any(String));
  for (const w of advice.warnings) expect(w.code).toMatch(/^[A-Z][A-Z0-9_]*$/);
  for (const t of advice.trace) expect(t).toHaveProperty("source");

  for (const t of advice.trace.filter((e) => e.applied)) {
    const src = t.source;
    expect(src, `regel '${t.rule}' is toegepast zonder bron`).not.toBeNull();
    expect(src?.doc).toBeTruthy();
    expect(Boolean(src?.file || src?.url), `bron van '${t.rule}' heeft geen file of url`).toBe(true);
    expect(Boolean(src?.section || src?.quote), `bron van '${t.rule}' heeft geen section of quote`).toBe(
      true,
    );
  }

  if (advice.segments.length === 0 && advice.eligible !== false) {
    const codes = advice.warnings.map((w) => w.code);
    expect(codes.includes("GEEN_SEGMENT") || codes.includes("MODEL_NIET_GELDIG"), codes.join(", ")).toBe(
      true,
    );
  }

  for (const m of advice.missing) expect(isCaseField(m.fact), `open vraag naar '${m.fact}'`).toBe(true);

  expect(advice.receipt.modelHash).toBe(modelHash);
  expect(advice.receipt.asOf).toBe(asOf);
}

describe("the engine gives a well-formed advice for every well-formed case", () => {
  it("the case generator covers every field of the case schema", () => {
    expect(Object.keys(caseFields).sort()).toEqual(Object.keys(shape).sort());
    expect(Object.keys(nested.family).sort()).toEqual(
      ["interventionsForSeveralMembers", "protectiveFactors", "riskFactors", "unsafe"].sort(),
    );
    expect(Object.keys(nested.estimatedHours).sort()).toEqual(["begeleiding", "behandeling"]);
    expect(Object.keys(nested.outlook).sort()).toEqual(["aim", "expectedMonths", "severity"]);
    expect(Object.keys(currentCareSchema.shape).sort()).toEqual(
      ["intensity", "product", "profile", "provider", "region", "segment", "since"].sort(),
    );
  });

  it.each(regionIds.map((id, i) => [id, i] as const))(
    "%s: never throws, cites its sources, asks only for case fields and is deterministic",
    (id, i) => {
      const region = regions[i];
      if (!region) throw new Error(`regio ${id} niet geladen`);
      const modelHash = loadRegion(id).hash;
      expect(region.model.hash).toBe(modelHash);
      fc.assert(
        fc.property(rawCase, asOfDate, (raw, asOf) => {
          const facts = parseCase(raw);
          const before = structuredClone(facts);
          const advice = region.advise(facts, { asOf });
          checkAdvice(advice, modelHash, asOf);
          expect(facts, "advise verandert de casus").toEqual(before);
          const again = region.advise(parseCase(structuredClone(raw)), { asOf });
          expect(again).toEqual(advice);
        }),
        { numRuns: 300 },
      );
    },
    20_000,
  );
});
