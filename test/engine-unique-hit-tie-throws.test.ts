import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCase } from "../src/domain/case.ts";
import { compileRegion, RuleTieError } from "../src/rules/engine.ts";
import { loadRegion } from "../src/rules/load.ts";

/**
 * In a unique-hit decision two applicable rows are a defect of the model: the engine refuses to pick
 * one and throws a RuleTieError that names the decision and both rules.
 * Fixture: test/fixtures/load/engine-unique-tie (decision 'signalen', hitPolicy: unique).
 */

const region = compileRegion(
  loadRegion("regio", join(import.meta.dirname, "fixtures", "load", "engine-unique-tie")),
);
const asOf = "2024-03-01";

describe("a unique-hit decision", () => {
  it("throws a RuleTieError naming the decision and both rules when two rules apply", () => {
    const facts = parseCase({ crisis: true, estimatedHours: { begeleiding: 150 } });
    let error: unknown;
    try {
      region.advise(facts, { asOf });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleTieError);
    const tie = error as RuleTieError;
    expect(tie.name).toBe("RuleTieError");
    expect(tie.decision).toBe("signalen");
    expect(tie.rules).toEqual(["veel-begeleiding", "crisis-signaal"]);
    expect(tie.message).toMatch(/Gelijkspel in beslissing 'signalen'/);
    expect(tie.message).toContain("veel-begeleiding");
    expect(tie.message).toContain("crisis-signaal");
  });

  it("gives the one rule's outcome when exactly one rule applies", () => {
    const advice = region.advise(parseCase({ crisis: true, estimatedHours: { begeleiding: 50 } }), { asOf });
    expect(advice.warnings.map((w) => w.code)).toContain("CRISIS");
    expect(advice.warnings.map((w) => w.code)).not.toContain("VEEL_BEGELEIDING");
    expect(advice.trace.filter((t) => t.applied).map((t) => t.rule)).toEqual(["crisis-signaal"]);
  });

  it("does not call an unknown row a tie: it asks for the fact instead", () => {
    const advice = region.advise(parseCase({ estimatedHours: { begeleiding: 150 } }), { asOf });
    expect(advice.warnings.map((w) => w.code)).toContain("VEEL_BEGELEIDING");
    expect(advice.missing.map((m) => m.fact)).toEqual(["crisis"]);
    expect(advice.missing[0]?.neededBy).toEqual(["crisis-signaal"]);
  });
});
