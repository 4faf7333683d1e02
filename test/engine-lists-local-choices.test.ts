import { describe, expect, it } from "vitest";
import { parseCase } from "../src/domain/case.ts";
import { compileRegion } from "../src/rules/engine.ts";
import { loadRegion } from "../src/rules/load.ts";

/**
 * Where the source leaves a number open, the model marks its reading as a local choice (parameter
 * marge-bijna-vuistregel, derived fact combinatiescore in Hart van Brabant). An advice that rests on
 * such a choice lists it in localChoices, with value and reason, and the trace entry names it.
 */

const region = compileRegion(loadRegion("hart-van-brabant"));
const asOf = "2024-03-01";
const base = {
  requestDate: asOf,
  municipality: "0855",
  birthDate: "2012-05-01",
  developmentPerspective: true,
  referrer: "huisarts",
  residentialCentral: false,
  crisis: false,
};
const advise = (raw: Record<string, unknown>) => region.advise(parseCase({ ...base, ...raw }), { asOf });

describe("local choices in the advice", () => {
  it("lists the combination score when the combination rule decides segment 1", () => {
    // 200/300 + 100/230 = 1.10: together over the rules of thumb, each alone under.
    const advice = advise({
      complexity: "meervoudig",
      requestedCare: ["joh-begeleiding", "joh-behandeling"],
      estimatedHours: { begeleiding: 200, behandeling: 100 },
    });
    expect(advice.segments.map((s) => s.id)).toEqual(["1"]);
    const entry = advice.trace.find((t) => t.rule === "s1-vuistregel-combinatie");
    expect(entry?.applied).toBe(true);
    expect(entry?.localChoices).toContain("combinatiescore");
    const choice = advice.localChoices.find((c) => c.name === "combinatiescore");
    expect(choice).toMatchObject({ description: expect.stringContaining("vuistregels") });
    expect(choice?.value).toBeCloseTo(200 / 300 + 100 / 230, 6);
    expect(choice?.reason).toMatch(/keuze van Wegwijzer/);
  });

  it("lists the margin when the near-threshold warning fires", () => {
    const advice = advise({
      complexity: "enkelvoudig",
      requestedCare: ["joh-begeleiding"],
      estimatedHours: { begeleiding: 280, behandeling: 0 },
    });
    expect(advice.segments.map((s) => s.id)).toEqual(["4"]);
    expect(advice.warnings.map((w) => w.code)).toContain("BIJNA_VUISTREGEL_BEGELEIDING");
    const entry = advice.trace.find((t) => t.rule === "bijna-vuistregel-begeleiding");
    expect(entry?.applied).toBe(true);
    expect(entry?.localChoices).toContain("marge-bijna-vuistregel");
    expect(advice.localChoices).toContainEqual({
      name: "marge-bijna-vuistregel",
      value: 0.9,
      description: expect.any(String),
      reason: expect.stringMatching(/90%.*keuze van Wegwijzer/),
    });
  });

  it("names each local choice once, also when two warnings rest on it", () => {
    // 275 h begeleiding is near its rule of thumb; with 10 h behandeling the combination (0.96) is too.
    const advice = advise({
      complexity: "enkelvoudig",
      requestedCare: ["joh-begeleiding"],
      estimatedHours: { begeleiding: 275, behandeling: 10 },
    });
    const codes = advice.warnings.map((w) => w.code);
    expect(codes).toEqual(
      expect.arrayContaining(["BIJNA_VUISTREGEL_BEGELEIDING", "BIJNA_VUISTREGEL_COMBINATIE"]),
    );
    const names = advice.localChoices.map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(["marge-bijna-vuistregel", "combinatiescore"]));
    expect(new Set(names).size).toBe(names.length);
  });

  it("lists no local choice when no rule is evaluated (the model is not valid on the date)", () => {
    const advice = region.advise(
      parseCase({
        ...base,
        complexity: "meervoudig",
        estimatedHours: { begeleiding: 200, behandeling: 100 },
      }),
      { asOf: "2022-06-01" },
    );
    expect(advice.warnings.map((w) => w.code)).toEqual(["MODEL_NIET_GELDIG"]);
    expect(advice.localChoices).toEqual([]);
  });

  it("only names parameters and derived facts that the model marks as a local choice", () => {
    const advice = advise({
      complexity: "meervoudig",
      requestedCare: ["joh-begeleiding"],
      estimatedHours: { begeleiding: 280, behandeling: 100 },
    });
    const model = region.model;
    for (const c of advice.localChoices) {
      const marked = model.parameters[c.name]?.localChoice ?? model.derived[c.name]?.localChoice;
      expect(marked, c.name).toBeDefined();
      expect(c.reason).toBe(marked?.reason);
    }
    for (const t of advice.trace) {
      for (const name of t.localChoices ?? []) expect(advice.localChoices.map((c) => c.name)).toContain(name);
    }
  });
});
