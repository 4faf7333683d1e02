import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRegion, type ModelIssue, ModelLoadError } from "../src/rules/load.ts";

/**
 * A policy advisor finds a mistake in a region model by file and line. The fixtures under
 * test/fixtures/load/<name>/ each hold a baseline ('basis') and a region ('regio') folder.
 */

const fixtures = join(import.meta.dirname, "fixtures", "load");

/** The 1-based line of the only line in a fixture file that contains `needle`. */
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
    const err = e as ModelLoadError;
    expect(err.regionId).toBe("regio");
    return err.issues;
  }
  throw new Error(`fixture '${fixture}' laadt zonder fouten`);
}

describe("a YAML syntax error names the file relative to the root and the line", () => {
  const issues = loadIssues("yaml-syntax");

  it("reports an unquoted colon in a message at its line", () => {
    const file = "regio/decisions/signalen.yaml";
    expect(issues).toContainEqual({
      file,
      line: lineOf("yaml-syntax", file, "message: Let op:"),
      message: expect.stringMatching(/^YAML: /),
    });
  });

  it("reports a key that occurs twice at the second occurrence", () => {
    const file = "regio/parameters.yaml";
    expect(issues).toContainEqual({
      file,
      line: lineOf("yaml-syntax", file, "unit: uren"),
      message: expect.stringMatching(/^YAML: .*unique/),
    });
  });

  it("reports the errors of every broken file, not only the first", () => {
    expect(issues.map((i) => i.file).sort()).toEqual([
      "regio/decisions/signalen.yaml",
      "regio/parameters.yaml",
    ]);
  });

  it("formats each issue as file:line in the error message", () => {
    let message = "";
    try {
      loadRegion("regio", join(fixtures, "yaml-syntax"));
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/^Regiomodel 'regio' is niet geldig:/);
    expect(message).toContain(
      `- regio/decisions/signalen.yaml:${lineOf("yaml-syntax", "regio/decisions/signalen.yaml", "message: Let op:")}: YAML:`,
    );
  });
});

describe("a schema error names the file, the line and the path in the model", () => {
  const fixture = "schema-errors";
  const decision = "regio/decisions/signalen.yaml";
  const issues = loadIssues(fixture);

  it("reports 'hitPolicy: maybe' at the hitPolicy line", () => {
    expect(issues).toContainEqual(
      expect.objectContaining({
        file: decision,
        line: lineOf(fixture, decision, "hitPolicy: maybe"),
        path: "hitPolicy",
      }),
    );
  });

  it("reports a date that does not exist at its line, with the path to it", () => {
    const file = "regio/parameters.yaml";
    expect(issues).toContainEqual({
      file,
      line: lineOf(fixture, file, '"2024-06-31"'),
      path: "parameters.drempel.values.0.to",
      message: "moet een datum zijn in de vorm JJJJ-MM-DD",
    });
  });

  it("reports an unknown key in a rule, naming the key", () => {
    const issue = issues.find((i) => i.message.includes("wanneer"));
    expect(issue).toMatchObject({ file: decision, path: expect.stringMatching(/^rules\.0/) });
    expect(issue?.message).toMatch(/onbekende sleutel\(s\): wanneer/);
  });

  // Regression, found and fixed (src/rules/load.ts, parseYamlFile): an unknown key is reported at the first line of
  // the object that holds it (here the rule's '- id:' line), not at the key itself. In a long rule
  // the advisor has to hunt for it.
  it("reports an unknown key in a rule at the line of that key", () => {
    const issue = issues.find((i) => i.message.includes("wanneer"));
    expect(issue?.line).toBe(lineOf(fixture, decision, "wanneer: altijd"));
  });
});

describe("a model that is not there", () => {
  it("names the missing region.yaml", () => {
    expect(() => loadRegion("bestaat-niet", join(fixtures, "merge-valid"))).toThrow(
      /geen regiomodel gevonden: bestaat-niet\/region\.yaml ontbreekt/,
    );
  });
});
