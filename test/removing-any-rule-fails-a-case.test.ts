import { describe, expect, test } from "vitest";
import { runCases } from "../src/rules/cases.ts";
import { compileRegion } from "../src/rules/engine.ts";
import { listRegionIds, loadRegion, type RegionModel } from "../src/rules/load.ts";

/**
 * The cases beside the rules must notice the loss of any rule: for every region and every rule of
 * its merged model (inherited rules included), the model without that rule fails at least one case.
 * (scripts/mutation-check.ts does the same on copies of the YAML files, plus threshold nudges.)
 */

const withoutRule = (model: RegionModel, decisionId: string, ruleId: string): RegionModel => ({
  ...model,
  decisions: model.decisions.map((d) =>
    d.id === decisionId ? { ...d, rules: d.rules.filter((r) => r.id !== ruleId) } : d,
  ),
});

for (const id of listRegionIds()) {
  const model = loadRegion(id);
  describe(`${id}: elke regel wordt gemist als hij weg is`, () => {
    test("het model zonder wijziging slaagt voor al zijn casussen", () => {
      expect(runCases(compileRegion(model)).flatMap((r) => r.failures)).toEqual([]);
    });
    const rules = model.decisions.flatMap((d) => d.rules.map((r) => [d.id, r.id] as const));
    test.each(rules)("zonder %s/%s faalt een casus", (decisionId, ruleId) => {
      const runs = runCases(compileRegion(withoutRule(model, decisionId, ruleId)));
      expect(runs.filter((r) => r.failures.length > 0).length).toBeGreaterThan(0);
    });
  });
}
