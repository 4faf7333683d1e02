import { describe, expect, it } from "vitest";
import { parseCase } from "../src/domain/case.ts";
import { compileRegion } from "../src/rules/engine.ts";
import { loadRegion } from "../src/rules/load.ts";

/**
 * Three-valued logic in Hart van Brabant. An unknown fact in a row before the first hit of a
 * first-hit decision could still change the outcome, so the engine asks for it. A fact that only
 * matters in rows after the hit, or in a condition whose other part is already false, cannot, so the
 * engine does not ask for it. Derived facts are asked for as the case fields they come from.
 */

const region = compileRegion(loadRegion("hart-van-brabant"));
const asOf = "2024-03-01";

/** Every field of the case known, except the hours. */
const known = {
  requestDate: asOf,
  municipality: "0855",
  birthDate: "2012-05-01",
  referrer: "huisarts",
  problems: ["gedrag"],
  complexity: "meervoudig",
  lifeDomains: ["gezin"],
  coordinatedMultidisciplinary: false,
  family: {
    interventionsForSeveralMembers: false,
    protectiveFactors: "veel",
    riskFactors: "geen",
    unsafe: false,
  },
  parentFactors: [],
  intelligence: "normaal",
  crisis: false,
  requestedCare: ["joh-begeleiding"],
  residentialCentral: false,
  developmentPerspective: true,
  protectionMeasure: "geen",
  otherDomains: [],
  outlook: { aim: "herstel", expectedMonths: 12 },
  treatmentNeeded: false,
  aimReturnHome: false,
  afterCrisisIntervention: false,
  currentCare: [],
  siblings: [],
};

function advise(raw: Record<string, unknown>) {
  return region.advise(parseCase(raw), { asOf });
}
const missingFacts = (a: ReturnType<typeof advise>) => a.missing.map((m) => m.fact);

describe("the engine asks only for facts that can still change the outcome", () => {
  it("with 400 hours of begeleiding and every other field known, the advice is complete without the hours of behandeling", () => {
    const advice = advise({ ...known, estimatedHours: { begeleiding: 400 } });
    expect(advice.segments.map((s) => s.id)).toEqual(["1"]);
    expect(advice.trace.find((t) => t.applied && t.decision === "segment-hoofd")?.rule).toBe(
      "s1-vuistregel-begeleiding",
    );
    // The rows on behandeling come after the hit: unknown, but not worth asking.
    expect(advice.trace.find((t) => t.rule === "s1-vuistregel-behandeling")?.status).toBe("onbekend");
    expect(missingFacts(advice)).not.toContain("estimatedHours.behandeling");
    expect(advice.missing).toEqual([]);
    expect(advice.complete).toBe(true);
  });

  it("asks whether there is a crisis, because the crisis row comes before the hit and leads elsewhere", () => {
    const { crisis: _crisis, ...withoutCrisis } = known;
    const advice = advise({ ...withoutCrisis, estimatedHours: { begeleiding: 400 } });
    expect(advice.segments.map((s) => s.id)).toEqual(["1"]);
    expect(advice.missing).toEqual([
      { fact: "crisis", question: "Is er sprake van een crisis?", neededBy: ["crisis-segment-5"] },
    ]);
    expect(advice.complete).toBe(false);
  });

  it("does not ask for the requested care in the age rule when the age alone settles it", () => {
    const { requestedCare: _care, ...withoutCare } = known;
    // Age 11: 'age ≥ 18 and not (gezinshuis and age < 21)' is false whatever the requested care is.
    const young = advise({ ...withoutCare, estimatedHours: { begeleiding: 400 } });
    expect(young.eligible).toBe(true);
    const care = young.missing.find((m) => m.fact === "requestedCare");
    expect(care?.neededBy).not.toContain("leeftijd-18-gezinshuis-21");

    // Age 19: a gezinshuis would keep the youth in scope, so now the age rule needs the care form.
    const older = advise({ ...withoutCare, birthDate: "2004-05-01", estimatedHours: { begeleiding: 400 } });
    expect(older.eligible).toBeNull();
    expect(older.missing.find((m) => m.fact === "requestedCare")?.neededBy).toContain(
      "leeftijd-18-gezinshuis-21",
    );
    expect(older.complete).toBe(false);
  });

  it("asks for the case fields behind derived facts, not for the derived facts", () => {
    const advice = advise({});
    const facts = missingFacts(advice);
    expect(facts).toEqual(expect.arrayContaining(["birthDate", "municipality", "crisis", "requestedCare"]));
    for (const derived of ["age", "inRegion", "combinatiescore", "familySegmentCount", "segments"]) {
      expect(facts).not.toContain(derived);
    }
    expect(facts).toEqual(
      expect.arrayContaining(["estimatedHours.begeleiding", "estimatedHours.behandeling"]),
    );
    const { siblings: _siblings, ...withoutSiblings } = known;
    const noSiblings = advise({ ...withoutSiblings, estimatedHours: { begeleiding: 400 } });
    expect(missingFacts(noSiblings)).toContain("siblings");
  });

  it("stops asking once a fact is known, and lists each question once with every rule that needs it", () => {
    const advice = advise({});
    const facts = missingFacts(advice);
    expect(new Set(facts).size).toBe(facts.length);
    const hours = advice.missing.find((m) => m.fact === "estimatedHours.begeleiding");
    expect(hours?.neededBy).toEqual(
      expect.arrayContaining(["s1-vuistregel-begeleiding", "s1-vuistregel-combinatie"]),
    );
    expect(missingFacts(advise({ ...known, estimatedHours: { begeleiding: 100, behandeling: 10 } }))).toEqual(
      [],
    );
  });
});
