import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  type Atom,
  decideWith,
  type Formula,
  type PlannedDecision,
  outcomeOfAdvice,
  planRegion,
  type RegionPlan,
  type StageRunner,
} from "../bench/advice/plan.ts";
import { limitSource, LIMIT_DIR } from "../bench/advice/limit-generate.ts";
import { peerRunners } from "../bench/advice/peers.ts";
import { parseCase } from "../src/domain/case.ts";
import { compileRegion } from "../src/rules/engine.ts";
import { listRegionIds, loadRegion } from "../src/rules/load.ts";
import { operatorNames } from "../src/rules/model-schema.ts";

/**
 * The advice benchmark compares us with json-rules-engine, zen-engine and a straight-line function only
 * if they decide the same. For every region model and every test case beside its rules: the compared
 * outcome (eligibility, segments with profile and intensity, route, coordination, and per decision the
 * rows that applied) through each peer equals the one read from our advice. A wrong translation fails
 * here, and the last test shows that it would: a translation with one test turned around is caught.
 */

const regionIds = listRegionIds();

/** The plan with the first test of every row turned around: a translation that is wrong everywhere. */
const withFlippedFirstAtom = (plan: RegionPlan): RegionPlan => {
  let flipped = false;
  const flip = (f: Formula): Formula => {
    if (flipped) return f;
    if (f.kind === "atom") {
      flipped = true;
      return { ...f, negated: !f.negated } satisfies Atom;
    }
    return { ...f, parts: f.parts.map(flip) };
  };
  const mutate = (d: PlannedDecision): PlannedDecision => ({
    ...d,
    rules: d.rules.map((r) => {
      flipped = false;
      return { ...r, when: flip(r.when) };
    }),
  });
  return { ...plan, stageA: plan.stageA.map(mutate), stageB: plan.stageB.map(mutate) };
};

for (const id of regionIds) {
  describe(id, () => {
    const model = loadRegion(id);
    const region = compileRegion(model);
    const plan = planRegion(model);
    const cases = model.cases.map((c) => ({
      name: c.case.name,
      facts: parseCase(c.case.facts),
      asOf: c.case.asOf,
    }));
    const runners: StageRunner[] = peerRunners(plan);

    test("every decision of the advice is translated (nothing excluded)", () => {
      expect(plan.excluded).toEqual([]);
      expect(cases.length).toBeGreaterThan(0);
    });

    for (const runner of runners) {
      test(`${runner.name} decides every case as the engine does`, async () => {
        const differences: string[] = [];
        for (const c of cases) {
          const ours = outcomeOfAdvice(plan, region.advise(c.facts, c.asOf ? { asOf: c.asOf } : {}));
          const theirs = await decideWith(plan, runner, c.facts, c.asOf);
          try {
            expect(theirs).toEqual(ours);
          } catch (e) {
            differences.push(`${c.name}: ${(e as Error).message}`);
          }
        }
        expect(differences).toEqual([]);
      });
    }

    test("the committed limit is what the generator writes from this model", async () => {
      const committed = readFileSync(join(LIMIT_DIR, `${id}.ts`), "utf8");
      expect(committed, "run: npx tsx bench/advice/limit-generate.ts").toBe(await limitSource(plan));
    });

    test("a translation with one test turned around is caught by the cases", async () => {
      const mutant = withFlippedFirstAtom(plan);
      for (const runner of peerRunners(mutant).filter((r) => r.name !== "limit")) {
        let caught = false;
        for (const c of cases) {
          const ours = outcomeOfAdvice(plan, region.advise(c.facts, c.asOf ? { asOf: c.asOf } : {}));
          const theirs = await decideWith(mutant, runner, c.facts, c.asOf);
          if (JSON.stringify(theirs) !== JSON.stringify(ours)) caught = true;
        }
        expect(caught, runner.name).toBe(true);
      }
    });
  });
}

test("the regions use only operators the translators cover", () => {
  const used = new Set<string>();
  const walk = (f: Formula) => (f.kind === "atom" ? used.add(f.op) : f.parts.forEach(walk));
  for (const id of regionIds) {
    const plan = planRegion(loadRegion(id));
    for (const d of [...plan.stageA, ...plan.stageB]) for (const r of d.rules) walk(r.when);
  }
  for (const op of used) expect(operatorNames).toContain(op);
  expect(used.size).toBeGreaterThan(5);
});
