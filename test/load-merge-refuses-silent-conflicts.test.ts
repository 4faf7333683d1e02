import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileRegion } from "../src/rules/engine.ts";
import { loadLayer, loadRegion, type ModelIssue, ModelLoadError, mergeLayers } from "../src/rules/load.ts";

/**
 * A region builds on a baseline. It may add rules, or replace a baseline rule with `overrides` and a
 * `reason`; everything else that collides with the baseline is an error with file and line, never a
 * silent choice. Fixtures: test/fixtures/load/<name>/{basis,regio}.
 */

const fixtures = join(import.meta.dirname, "fixtures", "load");

function lineOf(fixture: string, file: string, needle: string): number {
  const lines = readFileSync(join(fixtures, fixture, file), "utf8").split("\n");
  const hits = lines.flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
  if (hits.length !== 1) throw new Error(`'${needle}' staat ${hits.length} keer in ${file}`);
  return hits[0] as number;
}

function loadIssues(fixture: string): ModelIssue[] {
  try {
    loadRegion("regio", join(fixtures, fixture));
  } catch (e) {
    expect(e).toBeInstanceOf(ModelLoadError);
    return (e as ModelLoadError).issues;
  }
  throw new Error(`fixture '${fixture}' laadt zonder fouten`);
}

describe("a region merged onto its baseline", () => {
  const model = loadRegion("regio", join(fixtures, "merge-valid"));

  it("replaces the overridden baseline rule in place and keeps what it replaced", () => {
    const toegang = model.decisions.find((d) => d.id === "toegang");
    expect(toegang?.rules.map((r) => [r.id, r.layer])).toEqual([
      ["leeftijd-21", "regio"],
      ["geen-perspectief", "basis"],
      ["buiten-regio", "regio"],
    ]);
    const override = toegang?.rules[0];
    expect(override?.overridden).toMatchObject({ rule: { id: "leeftijd" }, layer: "basis" });
    expect(override?.origin).toEqual({
      file: "regio/decisions/toegang.yaml",
      line: lineOf("merge-valid", "regio/decisions/toegang.yaml", "- id: leeftijd-21"),
    });
    expect(toegang?.rules[1]?.origin.file).toBe("basis/decisions/toegang.yaml");
  });

  it("has the parameters and sources of both layers, and both layers in its identity", () => {
    expect(Object.keys(model.parameters).sort()).toEqual(["grens-regio", "leeftijdsgrens"]);
    expect(model.sources.map((s) => s.id)).toEqual(["wet", "beleid"]);
    expect(model.baseline?.id).toBe("basis");
    expect(model.layers.map((l) => [l.id, l.version])).toEqual([
      ["basis", "1.0"],
      ["regio", "2.0"],
    ]);
    expect(() => compileRegion(model)).not.toThrow();
  });

  it("does not change the baseline layer it merged onto", () => {
    const root = join(fixtures, "merge-valid");
    const basis = loadLayer("basis", root);
    mergeLayers(basis, loadLayer("regio", root));
    expect(basis.decisions[0]?.rules.map((r) => r.id)).toEqual(["leeftijd", "geen-perspectief"]);
  });
});

describe("merge errors name the region file and line", () => {
  it("refuses a region rule with the id of a baseline rule but without `overrides`", () => {
    const file = "regio/decisions/toegang.yaml";
    expect(loadIssues("merge-duplicate-rule-id")).toEqual([
      {
        file,
        line: lineOf("merge-duplicate-rule-id", file, "- id: leeftijd"),
        message: expect.stringMatching(/regel-id 'leeftijd' bestaat al in de basis: gebruik 'overrides'/),
      },
    ]);
  });

  it("refuses `overrides` without a `reason`", () => {
    const file = "regio/decisions/toegang.yaml";
    expect(loadIssues("merge-override-without-reason")).toEqual([
      {
        file,
        line: lineOf("merge-override-without-reason", file, "- id: leeftijd-21"),
        message: "regel 'leeftijd-21' overschrijft 'leeftijd' zonder 'reason'",
      },
    ]);
  });

  it("refuses a parameter that the region redefines without `overrides`, in the region's file", () => {
    const fixture = "merge-parameter-redefined";
    const file = "regio/parameters.yaml";
    const issues = loadIssues(fixture);
    expect(issues).toEqual([
      {
        file,
        line: expect.any(Number),
        path: "leeftijdsgrens",
        message: expect.stringMatching(
          /parameter 'leeftijdsgrens' bestaat al in de basis 'basis'.*overrides: true/,
        ),
      },
    ]);
    // Within the parameter's definition (its name or the lines under it), not at another parameter.
    const nameLine = lineOf(fixture, file, "leeftijdsgrens:");
    expect(issues[0]?.line).toBeGreaterThanOrEqual(nameLine);
    expect(issues[0]?.line).toBeLessThanOrEqual(lineOf(fixture, file, "De regio helpt tot 21 jaar"));
  });

  // Regression, found and fixed (src/rules/load.ts, lineOf in parseYamlFile): for a key whose value is a block map, the
  // line is the first line of the value ("description: ...") instead of the key's own line
  // ("leeftijdsgrens:").
  it("reports a redefined parameter at the line of its name", () => {
    const fixture = "merge-parameter-redefined";
    const file = "regio/parameters.yaml";
    expect(loadIssues(fixture)[0]?.line).toBe(lineOf(fixture, file, "leeftijdsgrens:"));
  });

  it("refuses two region rules that override the same baseline rule, at the second rule", () => {
    const fixture = "merge-override-tie";
    const file = "regio/decisions/toegang.yaml";
    expect(loadIssues(fixture)).toEqual([
      {
        file,
        line: lineOf(fixture, file, "- id: leeftijd-23"),
        message: expect.stringContaining("'leeftijd-23'"),
      },
    ]);
  });

  // Regression, found and fixed (src/rules/load.ts, mergeLayers): the first override replaces the baseline rule, so the
  // second override no longer finds 'leeftijd' and is reported as "die regel bestaat niet" before the
  // tie check is reached: the 'gelijkspel' branch is dead code.
  it("refuses two region rules that override the same baseline rule, as a tie ('gelijkspel')", () => {
    const fixture = "merge-override-tie";
    const file = "regio/decisions/toegang.yaml";
    const issues = loadIssues(fixture);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toEqual({
      file,
      line: lineOf(fixture, file, "- id: leeftijd-23"),
      message: expect.stringMatching(/gelijkspel.*'leeftijd-23'.*'leeftijd-21'.*'leeftijd'/),
    });
  });

  // Regression, found and fixed (same cause, and the tie map is per file): the same tie spread over two files of the
  // region is also reported as "die regel bestaat niet".
  it("refuses the same tie when the two overriding rules are in different files", () => {
    const fixture = "merge-override-tie-two-files";
    const issues = loadIssues(fixture);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/gelijkspel/);
    expect(issues[0]?.file).toBe("regio/decisions/toegang-b.yaml");
  });

  // Regression, found and fixed (src/rules/load.ts, mergeLayers): the duplicate-source issue computes its file relative
  // to regionsRoot() instead of the root the model was loaded from, and has no line. Loaded from a
  // fixture root it reads "../test/fixtures/load/.../regio/region.yaml".
  it("refuses a source id the baseline already has, at the region's region.yaml and line", () => {
    const fixture = "merge-duplicate-source";
    const file = "regio/region.yaml";
    expect(loadIssues(fixture)).toEqual([
      {
        file,
        line: lineOf(fixture, file, "- id: wet"),
        message: "bron-id 'wet' bestaat al in de basis",
      },
    ]);
  });
});
