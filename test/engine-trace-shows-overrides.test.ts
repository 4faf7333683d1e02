import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCase } from "../src/domain/case.ts";
import { compileRegion } from "../src/rules/engine.ts";
import { loadRegion, regionsRoot } from "../src/rules/load.ts";

/**
 * Hart van Brabant overrides the national rule leeftijd-18 (Jeugdwet baseline) with
 * leeftijd-18-gezinshuis-21: a gezinshuis is for youths up to 21. The trace shows the regional rule,
 * which baseline rule it replaces, from which layer, and why.
 */

const hvb = compileRegion(loadRegion("hart-van-brabant"));
const jeugdwet = compileRegion(loadRegion("jeugdwet"));
const asOf = "2024-03-01";
const facts = (birthDate: string, requestedCare: string[]) =>
  parseCase({
    requestDate: asOf,
    municipality: "0855",
    birthDate,
    developmentPerspective: true,
    requestedCare,
  });

describe("the trace of a rule that overrides a baseline rule", () => {
  const advice = hvb.advise(facts("2012-05-01", ["joh-begeleiding"]), { asOf });
  const entry = advice.trace.find((t) => t.rule === "leeftijd-18-gezinshuis-21");

  it("names the overridden rule, its layer and the reason", () => {
    expect(entry).toMatchObject({
      decision: "jeugdwet-toegang",
      layer: "hart-van-brabant",
      overrides: {
        rule: "leeftijd-18",
        layer: "jeugdwet",
        reason: expect.stringMatching(/gezinshuizen.*21 jaar/),
      },
    });
  });

  it("points at the regional rule's file and line", () => {
    const file = "hart-van-brabant/decisions/eligibility.yaml";
    const lines = readFileSync(join(regionsRoot(), file), "utf8").split("\n");
    const line = lines.findIndex((l) => l.includes("- id: leeftijd-18-gezinshuis-21")) + 1;
    expect(entry?.origin).toBe(`${file}:${line}`);
  });

  it("no longer evaluates the overridden baseline rule", () => {
    expect(advice.trace.map((t) => t.rule)).not.toContain("leeftijd-18");
  });

  it("marks baseline rules that were not overridden as baseline rules, without overrides", () => {
    const wlz = advice.trace.find((t) => t.rule === "geen-ontwikkelperspectief-wlz");
    expect(wlz?.layer).toBe("jeugdwet");
    expect(wlz).not.toHaveProperty("overrides");
    const gi = advice.trace.find((t) => t.rule === "gi-bij-maatregel");
    expect(gi?.layer).toBe("jeugdwet");
  });
});

describe("the override changes the outcome only where the region deviates", () => {
  const eligibility = (region: typeof hvb, birthDate: string, care: string[]) => {
    const a = region.advise(facts(birthDate, care), { asOf });
    return {
      eligible: a.eligible,
      code: a.eligibility.code,
      applied: a.trace.filter((t) => t.applied).map((t) => t.rule),
    };
  };

  it("keeps a 19-year-old who asks for a gezinshuis in scope in Hart van Brabant", () => {
    expect(eligibility(hvb, "2004-05-01", ["gezinshuis"])).toMatchObject({ eligible: true });
  });

  it("refuses a 19-year-old who asks for other help, citing the overriding rule", () => {
    const out = eligibility(hvb, "2004-05-01", ["joh-begeleiding"]);
    expect(out).toMatchObject({ eligible: false, code: "LEEFTIJD" });
    expect(out.applied).toContain("leeftijd-18-gezinshuis-21");
  });

  it("refuses a 21-year-old who asks for a gezinshuis", () => {
    expect(eligibility(hvb, "2002-05-01", ["gezinshuis"])).toMatchObject({
      eligible: false,
      code: "LEEFTIJD",
    });
  });

  it("in the baseline alone, refuses a 19-year-old who asks for a gezinshuis with the national rule", () => {
    const a = jeugdwet.advise(
      parseCase({
        requestDate: asOf,
        birthDate: "2004-05-01",
        developmentPerspective: true,
        requestedCare: ["gezinshuis"],
      }),
      { asOf },
    );
    expect(a.eligible).toBe(false);
    const entry = a.trace.find((t) => t.applied);
    expect(entry).toMatchObject({ rule: "leeftijd-18", layer: "jeugdwet" });
    expect(entry).not.toHaveProperty("overrides");
  });
});
