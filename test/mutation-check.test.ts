import { describe, expect, test } from "vitest";
import {
  defaultMutations,
  formatReport,
  type Mutation,
  reportPasses,
  runMutations,
  setParameter,
} from "../scripts/mutation-check.ts";
import { loadRegion } from "../src/rules/load.ts";

/**
 * The cases must notice a change at each threshold: moving a threshold by one (in either direction) makes
 * at least one case fail.
 */

const parameterValues = (region: string, name: string) =>
  loadRegion(region).parameters[name]?.values.map((v) => v.value);

const killed = (mutation: Mutation) => {
  const report = runMutations([mutation]);
  expect(report.baselineFailures).toEqual([]);
  const [result] = report.results;
  return { killed: result?.killed, failing: result?.failing ?? [] };
};

describe("mutatiecheck: de casussen leggen de drempels vast", () => {
  test("de drempels in de modellen zijn de waarden uit de bronnen", () => {
    expect(parameterValues("hart-van-brabant", "drempel-begeleiding")).toEqual([300]);
    expect(parameterValues("hart-van-brabant", "drempel-behandeling")).toEqual([230]);
    expect(parameterValues("jeugdwet", "leeftijdsgrens")).toEqual([18]);
  });

  test.each([
    ["hart-van-brabant", "drempel-begeleiding", 301],
    ["hart-van-brabant", "drempel-begeleiding", 299],
    ["hart-van-brabant", "drempel-behandeling", 231],
    ["hart-van-brabant", "drempel-behandeling", 229],
    ["jeugdwet", "leeftijdsgrens", 19],
    ["jeugdwet", "leeftijdsgrens", 17],
  ] as const)("%s: %s naar %d laat een casus falen", (layer, name, value) => {
    const result = killed(setParameter(layer, name, value));
    expect(result.killed).toBe(true);
    expect(result.failing.length).toBeGreaterThan(0);
  });

  test("de bronmap verandert niet door de mutatiecheck", () => {
    killed(setParameter("hart-van-brabant", "drempel-begeleiding", 301));
    expect(parameterValues("hart-van-brabant", "drempel-begeleiding")).toEqual([300]);
  });

  test("geen enkele drempel- of operatormutatie overleeft", { timeout: 60_000 }, () => {
    const report = runMutations(defaultMutations().filter((m) => m.threshold));
    expect(report.results.length).toBeGreaterThan(10);
    expect(reportPasses(report), formatReport(report)).toBe(true);
  });
});
