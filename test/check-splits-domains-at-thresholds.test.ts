import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeDecision } from "../src/rules/check/decision-table.ts";
import { buildDimension, numberPoints, OTHER } from "../src/rules/check/domains.ts";
import { loadRegion } from "../src/rules/load.ts";

const values = (points: { value: unknown }[]) => points.map((p) => p.value);
const model = loadRegion("regio", join(import.meta.dirname, "fixtures", "check", "clean"));
const noThreshold = () => undefined;

describe("the checker splits each fact's domain into representative values", () => {
  it("takes each threshold itself and a value below, between and above the thresholds", () => {
    expect(values(numberPoints([300], false, 0))).toEqual([299, 300, 301]);
    expect(values(numberPoints([0.9, 1], false, 0))).toEqual([0, 0.9, 0.95, 1, 2]);
  });

  it("takes no value below the lowest possible value (hours are never negative)", () => {
    expect(values(numberPoints([0, 300], false, 0))).toEqual([0, 150, 300, 301]);
  });

  it("takes only whole values for whole-number facts, so 6 and 7 leave nothing in between", () => {
    expect(values(numberPoints([6, 7], true, 0))).toEqual([5, 6, 7, 8]);
    expect(values(numberPoints([6, 12], true, 0))).toEqual([5, 6, 7, 12, 13]);
  });

  it("takes the empty list, each named value, each named list and all values together for a list fact", () => {
    const dim = buildDimension(
      "requestedCare",
      [
        { fact: "requestedCare", includesAny: ["mst", "jim"] },
        { fact: "requestedCare", includesNone: ["lta"] },
      ],
      model,
      noThreshold,
    );
    expect(values(dim.points)).toEqual([
      [],
      ["mst"],
      ["jim"],
      ["lta"],
      ["mst", "jim"],
      ["mst", "jim", "lta"],
    ]);
  });

  it("adds, per row, the smallest list that meets that row's list tests, so a row that needs two values is reachable", () => {
    const needsTwo = [
      { fact: "requestedCare", includesAny: ["mst", "jim"] },
      { fact: "requestedCare", includesAny: ["lta"] },
      { fact: "requestedCare", includesNone: ["mst"] },
    ];
    const dim = buildDimension("requestedCare", needsTwo, model, noThreshold, [needsTwo]);
    expect(values(dim.points)).toContainEqual(["jim", "lta"]);
  });

  it("adds 'een andere waarde' for a fact without a fixed list, and 'onbekend' only for the known test", () => {
    const dim = buildDimension(
      "municipality",
      [
        { fact: "municipality", in: ["0855", "0784"] },
        { fact: "municipality", known: false },
      ],
      model,
      noThreshold,
    );
    expect(values(dim.points)).toEqual(["0855", "0784", OTHER, undefined]);
    const crisis = buildDimension("crisis", [{ fact: "crisis", is: true }], model, noThreshold);
    expect(values(crisis.points)).toEqual([false, true]);
  });
});

describe("the decision-table analysis respects its cell limit", () => {
  it("skips what does not fit and says so, instead of reporting defects it did not check", () => {
    const decision = model.decisions.find((d) => d.id === "segment");
    if (!decision) throw new Error("fixture has no decision 'segment'");
    const capped = analyzeDecision(model, decision, { cap: 1 });
    expect(capped.findings.map((f) => `${f.severity} ${f.code}`)).toEqual(["info CAPPED", "info CAPPED"]);
    expect(capped.unreachable).toEqual([]);
    expect(analyzeDecision(model, decision).findings).toEqual([]);
  });
});
