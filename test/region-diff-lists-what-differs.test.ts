import { describe, expect, it } from "vitest";
import { diffRegions } from "../src/rules/diff.ts";
import { loadRegion, type RegionModel } from "../src/rules/load.ts";

/**
 * The difference between two region models (src/rules/diff.ts): a model against itself differs in
 * nothing; a copy with one number, one rule and one segment changed shows exactly those; and two real
 * regions show what one has and the other has not.
 */

const hvb = loadRegion("hart-van-brabant");
const een10 = loadRegion("een-10-voor-de-jeugd");
const AS_OF = "2024-03-01";

const copy = (m: RegionModel): RegionModel => structuredClone(m);

describe("diffRegions", () => {
  it("a model against itself: nothing added, removed or changed", () => {
    const d = diffRegions(hvb, hvb, AS_OF);
    expect(d.segments).toMatchObject({ onlyInA: [], onlyInB: [], changed: [] });
    expect(d.parameters).toMatchObject({ onlyInA: [], onlyInB: [], changed: [] });
    expect(d.rules).toMatchObject({ added: [], removed: [], changed: [] });
    expect(d.segments.same).toBe(hvb.segments.length);
    expect(d.rules.same).toBe(hvb.decisions.reduce((n, x) => n + x.rules.length, 0));
  });

  it("a changed number, a removed and a changed rule, a removed segment: each shown once, where it belongs", () => {
    const b = copy(hvb);
    const threshold = b.parameters["drempel-begeleiding"]!;
    threshold.values = threshold.values.map((v) => ({ ...v, value: 280 }));
    const main = b.decisions.find((x) => x.id === "segment-hoofd")!;
    const [crisis] = main.rules.splice(
      main.rules.findIndex((r) => r.id === "crisis-segment-5"),
      1,
    );
    expect(crisis).toBeDefined();
    const other = main.rules.find((r) => r.id === "s1-zorgvorm-zonder-vuistregel")!;
    other.then = { ...other.then, segment: "4" };
    b.segments = b.segments.filter((s) => s.id !== "5");
    const seg4 = b.segments.find((s) => s.id === "4")!;
    const oldName = seg4.name;
    seg4.name = "Segment 4 (nieuwe naam)";

    const d = diffRegions(hvb, b, AS_OF);
    expect(d.parameters.changed).toHaveLength(1);
    expect(d.parameters.changed[0]).toMatchObject({ name: "drempel-begeleiding" });
    expect(d.parameters.changed[0]!.b.every((v) => v.value === 280)).toBe(true);
    expect(d.parameters.changed[0]!.a.some((v) => v.value !== 280)).toBe(true);

    expect(d.rules.removed.map((r) => `${r.decision}/${r.rule}`)).toEqual(["segment-hoofd/crisis-segment-5"]);
    // Its condition in plain Dutch, as the viewer shows it: a yes/no fact reads "…: ja".
    expect(d.rules.removed[0]!.conditions).toEqual([expect.stringMatching(/: ja$/)]);
    expect(d.rules.added).toEqual([]);
    expect(d.rules.changed).toHaveLength(1);
    expect(d.rules.changed[0]).toMatchObject({
      rule: "s1-zorgvorm-zonder-vuistregel",
      fields: ["uitkomst"],
      a: { outcome: "segment 1" },
      b: { outcome: "segment 4" },
    });

    expect(d.segments.onlyInA.map((s) => s.id)).toEqual(["5"]);
    expect(d.segments.onlyInB).toEqual([]);
    expect(d.segments.changed).toEqual([
      { id: "4", name: { a: oldName, b: "Segment 4 (nieuwe naam)" }, fields: ["naam"] },
    ]);

    // The other way round: what was removed is added.
    const back = diffRegions(b, hvb, AS_OF);
    expect(back.rules.added.map((r) => r.rule)).toEqual(["crisis-segment-5"]);
    expect(back.segments.onlyInB.map((s) => s.id)).toEqual(["5"]);
  });

  it("a threshold in a condition's text is the value in force on the date, with the parameter's name", () => {
    const d = diffRegions(hvb, een10, AS_OF);
    const rule = d.rules.removed.find((r) => r.rule === "s1-vuistregel-begeleiding");
    expect(rule).toBeDefined();
    expect(rule!.conditions.join(" ")).toMatch(/ten minste 300 \(drempel-begeleiding\)/);
  });

  it("two regions: segments and numbers only one of them has, and rules of the baseline they share are the same", () => {
    const d = diffRegions(hvb, een10, AS_OF);
    expect(d.a).toMatchObject({ id: "hart-van-brabant" });
    expect(d.b).toMatchObject({ id: "een-10-voor-de-jeugd" });
    // Hart van Brabant has segments 2, 4 and 5; Een 10 voor de jeugd only 1 and 3.
    expect(d.segments.onlyInA.map((s) => s.id)).toEqual(["2", "4", "5"]);
    expect(d.segments.onlyInB).toEqual([]);
    expect(d.parameters.onlyInA.map((p) => p.name)).toContain("drempel-begeleiding");
    expect(d.parameters.onlyInB.map((p) => p.name)).toContain("minimum-unieke-clienten-2020");
    expect(
      d.parameters.onlyInB.find((p) => p.name === "minimum-unieke-clienten-2020")!.values.length,
    ).toBeGreaterThan(0);
    expect(d.rules.added.length).toBeGreaterThan(0);
    expect(d.rules.removed.length).toBeGreaterThan(0);
    // Both build on the national baseline: its rules that neither region replaces are the same.
    expect(d.rules.same).toBeGreaterThan(0);
  });
});

describe("over HTTP", () => {
  it("GET /regions/{id}/differences?with= gives the same difference; GET /regions/{id}/rules the rules with cases", async () => {
    const { buildServer } = await import("../src/server/app.ts");
    const app = await buildServer({ today: () => AS_OF });
    try {
      const res = await app.inject({
        method: "GET",
        url: "/api/v1/regions/hart-van-brabant/differences?with=een-10-voor-de-jeugd",
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual(JSON.parse(JSON.stringify(diffRegions(hvb, een10, AS_OF))));
      const unknown = await app.inject({
        method: "GET",
        url: "/api/v1/regions/hart-van-brabant/differences?with=bestaat-niet",
      });
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().detail).toContain("bestaat-niet");

      const rules = await app.inject({ method: "GET", url: "/api/v1/regions/hart-van-brabant/rules" });
      expect(rules.statusCode).toBe(200);
      const body = rules.json() as {
        asOf: string;
        decisions: { id: string; rules: { id: string; cases: unknown[]; source?: { file?: string } }[] }[];
      };
      expect(body.asOf).toBe(AS_OF);
      const rule = body.decisions
        .find((d) => d.id === "segment-hoofd")!
        .rules.find((r) => r.id === "s1-vuistregel-begeleiding")!;
      expect(rule.cases.length).toBeGreaterThan(0);
      expect(rule.source?.file).toMatch(/\.txt$/);
      // Every rule of the model is listed: the check finds no untested rule in hart-van-brabant.
      expect(body.decisions.flatMap((d) => d.rules).every((r) => r.cases.length > 0)).toBe(true);
    } finally {
      await app.close();
    }
  });
});
