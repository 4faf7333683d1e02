import { describe, expect, it } from "vitest";
import { parseCase } from "../src/domain/case.ts";
import { compileRegion } from "../src/rules/engine.ts";
import { loadRegion } from "../src/rules/load.ts";

/**
 * At a numeric threshold the advice says what would change it: "Segment 1 ... zou gelden als
 * geschatte uren begeleiding is ten minste 300". Hart van Brabant's rule of thumb for segment 1 is
 * 300 hours of begeleiding (parameter drempel-begeleiding); 'ongeveer 300' counts as 300 or more.
 */

const region = compileRegion(loadRegion("hart-van-brabant"));
const asOf = "2024-03-01";
const ambulant = {
  requestDate: asOf,
  municipality: "0855",
  birthDate: "2012-05-01",
  developmentPerspective: true,
  referrer: "huisarts",
  complexity: "enkelvoudig",
  requestedCare: ["joh-begeleiding"],
  residentialCentral: false,
  crisis: false,
};
const withHours = (begeleiding: number, extra: Record<string, unknown> = {}) =>
  region.advise(parseCase({ ...ambulant, ...extra, estimatedHours: { begeleiding } }), { asOf });

const towardsSegment1 = "zou gelden als geschatte uren begeleiding is ten minste 300";

describe("what would change the advice at a numeric threshold", () => {
  it("with 250 hours, says segment 1 would apply from 300 hours of begeleiding", () => {
    const advice = withHours(250);
    expect(advice.segments.map((s) => s.id)).toEqual(["4"]);
    const line = advice.whatWouldChange.find((w) => w.includes(towardsSegment1));
    expect(line).toBeDefined();
    expect(line).toMatch(/^Segment 1 Hoog specialistische jeugdhulp zou gelden als/);
    expect(line).toContain("(nu 250)");
    const entry = advice.trace.find((t) => t.rule === "s1-vuistregel-begeleiding");
    expect(entry?.status).toBe("niet-van-toepassing");
    expect(entry?.counterfactual).toBe(line);
  });

  it("counts exactly 300 hours as reaching the threshold", () => {
    expect(withHours(299.5).segments.map((s) => s.id)).toEqual(["4"]);
    expect(withHours(300).segments.map((s) => s.id)).toEqual(["1"]);
  });

  it("with 400 hours, says below which number segment 1 would no longer apply", () => {
    const advice = withHours(400);
    expect(advice.segments.map((s) => s.id)).toEqual(["1"]);
    expect(advice.whatWouldChange).toContainEqual(
      expect.stringMatching(
        /Segment 1 .* zou niet gelden bij minder dan 300 \(drempel-begeleiding\); nu 400/,
      ),
    );
    expect(advice.whatWouldChange.join("\n")).not.toContain(towardsSegment1);
  });

  it("says nothing about a threshold whose fact is unknown", () => {
    const advice = region.advise(parseCase(ambulant), { asOf });
    expect(advice.whatWouldChange.join("\n")).not.toContain("geschatte uren begeleiding");
  });

  // Regression, found and fixed (src/rules/engine.ts, evalRule/runDecision): in a first-hit decision the rows after the
  // hit still get a counterfactual, and it reaches whatWouldChange. With a crisis (segment 5, the first
  // row) and 250 hours the advice claims segment 1 "zou gelden" from 300 hours, but the crisis row
  // goes first: more hours would not change the advice.
  it("does not claim a later first-hit row would apply when an earlier row already decided", () => {
    const advice = withHours(250, { crisis: true });
    expect(advice.segments.map((s) => s.id)).toEqual(["5"]);
    expect(withHours(300, { crisis: true }).segments.map((s) => s.id)).toEqual(["5"]);
    expect(advice.whatWouldChange.join("\n")).not.toContain(towardsSegment1);
  });
});
