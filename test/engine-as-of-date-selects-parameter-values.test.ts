import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCase } from "../src/domain/case.ts";
import { compileRegion } from "../src/rules/engine.ts";
import { loadRegion } from "../src/rules/load.ts";

/**
 * The advice uses the parameter values in force on the "as of" date (by default the request date).
 * Fixture: test/fixtures/load/engine-parameter-in-time. The threshold 'drempel' is 300 hours from
 * 2024-01-01 to 2024-06-30 and 200 hours from 2024-07-01; the model itself is valid from 2023-01-01.
 */

const region = compileRegion(
  loadRegion("regio", join(import.meta.dirname, "fixtures", "load", "engine-parameter-in-time")),
);
const hours250 = parseCase({ estimatedHours: { begeleiding: 250 } });
const segmentsOn = (asOf: string) => region.advise(hours250, { asOf }).segments.map((s) => s.id);

describe("the as-of date selects parameter values by their validity", () => {
  it("gives the same case a different segment before and after the threshold changes", () => {
    expect(segmentsOn("2024-03-01")).toEqual(["licht"]);
    expect(segmentsOn("2024-08-01")).toEqual(["zwaar"]);
  });

  it("counts both ends of a validity period as inside it", () => {
    expect(segmentsOn("2024-01-01")).toEqual(["licht"]);
    expect(segmentsOn("2024-06-30")).toEqual(["licht"]);
    expect(segmentsOn("2024-07-01")).toEqual(["zwaar"]);
  });

  it("uses the request date when no as-of date is given, and an explicit as-of date over it", () => {
    const before = parseCase({ requestDate: "2024-03-01", estimatedHours: { begeleiding: 250 } });
    const after = parseCase({ requestDate: "2024-08-01", estimatedHours: { begeleiding: 250 } });
    expect(region.advise(before).segments.map((s) => s.id)).toEqual(["licht"]);
    expect(region.advise(after).segments.map((s) => s.id)).toEqual(["zwaar"]);
    expect(region.advise(after).asOf).toBe("2024-08-01");
    const asOfWins = region.advise(before, { asOf: "2024-08-01" });
    expect(asOfWins.segments.map((s) => s.id)).toEqual(["zwaar"]);
    expect(asOfWins.referenceDate).toBe("2024-03-01");
  });

  it("shows the threshold in force in the trace", () => {
    for (const [asOf, threshold, result] of [
      ["2024-03-01", 300, "onwaar"],
      ["2024-08-01", 200, "waar"],
    ] as const) {
      const entry = region.advise(hours250, { asOf }).trace.find((t) => t.rule === "zwaar-vanaf-drempel");
      expect(entry?.conditions).toEqual([
        expect.objectContaining({
          fact: "estimatedHours.begeleiding",
          actual: 250,
          expected: threshold,
          result,
        }),
      ]);
    }
    const applied = region.advise(hours250, { asOf: "2024-08-01" }).trace.find((t) => t.applied);
    expect(applied?.rule).toBe("zwaar-vanaf-drempel");
    expect(applied?.explanation).toContain("vanaf 200 uur");
  });

  it("gives no advice before the model is valid", () => {
    const advice = region.advise(hours250, { asOf: "2022-12-31" });
    expect(advice.segments).toEqual([]);
    expect(advice.warnings.map((w) => w.code)).toEqual(["MODEL_NIET_GELDIG"]);
    expect(advice.eligibility.code).toBe("MODEL_NIET_GELDIG");
  });

  // Regression, found and fixed (src/rules/engine.ts, unknownParameters): on 2023-06-01 the model is valid but the
  // threshold has no value yet. The threshold row is then 'onbekend' without any missing fact, the
  // fallback row 'anders-licht' applies and the advice says "licht", complete, with no word about the
  // missing threshold: unknownParameters only lists parameters whose value is null, not those with
  // no value in force.
  it("reports a parameter that has no value on the as-of date instead of silently skipping its rule", () => {
    const advice = region.advise(hours250, { asOf: "2023-06-01" });
    expect(advice.trace.find((t) => t.rule === "zwaar-vanaf-drempel")?.status).toBe("onbekend");
    expect(advice.unknownParameters.map((p) => p.name)).toContain("drempel");
  });
});
