import { describe, expect, test } from "vitest";
import { runCases } from "../src/rules/cases.ts";
import { compileRegion } from "../src/rules/engine.ts";
import { listRegionIds, loadRegion } from "../src/rules/load.ts";

/**
 * The test cases beside the rules (regions/<id>/cases/*.yaml): one test per case, named after the case,
 * failing with the case's own failure lines. Every rule of a region must be applied by at least one case.
 */

const regionIds = listRegionIds();

test("er zijn regiomodellen", () => {
  expect(regionIds).toContain("jeugdwet");
  expect(regionIds).toContain("hart-van-brabant");
});

for (const id of regionIds) {
  describe(id, () => {
    const region = compileRegion(loadRegion(id));
    const runs = runCases(region);

    test("heeft casussen met unieke namen", () => {
      expect(runs.length).toBeGreaterThan(0);
      const names = runs.map((r) => r.name);
      const dupes = names.filter((n, i) => names.indexOf(n) !== i);
      expect(dupes, "dubbele casusnamen").toEqual([]);
    });

    for (const run of runs) {
      test(run.name, () => {
        if (run.failures.length > 0) {
          throw new Error(`${run.origin}\n${run.failures.map((f) => `- ${f}`).join("\n")}`);
        }
      });
    }

    test("elke regel wordt door ten minste één casus toegepast (of geraakt, als een drempel onbekend is)", () => {
      const covered = new Set(runs.flatMap((r) => r.coveredKeys));
      const notFired = region.model.decisions.flatMap((d) =>
        d.rules
          .filter((r) => !covered.has(`${d.id}/${r.id}`))
          .map((r) => `${d.id}/${r.id} (${r.origin.file}:${r.origin.line})`),
      );
      expect(notFired, "regels die geen casus toepast").toEqual([]);
    });
  });
}
