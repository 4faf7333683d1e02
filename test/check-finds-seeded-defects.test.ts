import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { checkRegion, type Finding } from "../src/rules/check/index.ts";

/**
 * Each folder under test/fixtures/check/ is a regions root with a tiny model that has one kind of
 * defect built in (see the comments in its YAML). The checker must report exactly that defect, with the
 * right code, file and line, and nothing else that is an error.
 */

const fixtures = join(import.meta.dirname, "fixtures", "check");
const check = (fixture: string, id = "regio") => checkRegion(id, join(fixtures, fixture));
const at = (f: Finding) => `${f.severity} ${f.code} ${f.file}${f.line ? `:${f.line}` : ""}`;
const withCode = (findings: Finding[], code: string) => findings.filter((f) => f.code === code);

describe("the static checker finds defects seeded in small region models", () => {
  it("reports two rows that both apply under hitPolicy unique, with an example", () => {
    const findings = check("overlap-unique");
    expect(findings.map(at)).toEqual(["error OVERLAP_UNIQUE regio/decisions/coordinatie.yaml:14"]);
    const [overlap] = findings;
    expect(overlap?.message).toContain("'aanbieder-bij-weinig-uren'");
    expect(overlap?.message).toContain("'crossroads-bij-veel-uren'");
    expect(overlap?.message).toContain("geschatte uren begeleiding: 200");
    expect(overlap).toMatchObject({ rule: "crossroads-bij-veel-uren", decision: "coordinatie" });
  });

  it("warns when a later row with another outcome overlaps an earlier one under first hit, not when the outcome is the same", () => {
    const findings = check("overlap-first");
    expect(findings.map(at)).toEqual([
      "warning OVERLAP_FIRST regio/decisions/route.yaml:22",
      "warning OVERLAP_FIRST regio/decisions/route.yaml:22",
    ]);
    const messages = findings.map((f) => f.message);
    expect(messages.some((m) => m.includes("'crisis-naar-cit'") && m.includes("crisis: ja"))).toBe(true);
    expect(messages.some((m) => m.includes("'huisarts-naar-cit'") && m.includes("verwijzer: huisarts"))).toBe(
      true,
    );
    expect(messages.every((m) => m.includes("route naar het CIT tegenover route naar Crossroads"))).toBe(
      true,
    );
    // crisis-naar-cit and huisarts-naar-cit overlap too, but both send the case to the CIT.
    expect(messages.some((m) => m.includes("'crisis-naar-cit'") && m.includes("'huisarts-naar-cit'"))).toBe(
      false,
    );
  });

  it("reports a numeric gap in an exhaustive decision at its exhaustive key, with an example", () => {
    const findings = check("gap-exhaustive");
    expect(findings.map(at)).toEqual(["error GAP regio/decisions/coordinatie.yaml:5"]);
    expect(findings[0]?.message).toContain("geschatte uren begeleiding: 100");
  });

  it("warns about a stretch between two thresholds that no row covers in a non-exhaustive decision", () => {
    const findings = check("gap-range");
    expect(findings.map(at)).toEqual(["warning GAP_RANGE regio/decisions/route.yaml:1"]);
    expect(findings[0]?.message).toContain("verwachte duur in maanden van 7 t/m 11");
    expect(findings[0]?.message).toContain("'kort-via-verwijzer'");
    expect(findings[0]?.message).toContain("'lang-via-crossroads'");
  });

  it("reports a row shadowed by an earlier, broader row and rows whose conditions contradict each other", () => {
    const findings = check("unreachable");
    expect(findings.map(at)).toEqual([
      "error UNREACHABLE regio/decisions/route.yaml:14",
      "error UNREACHABLE regio/decisions/route.yaml:22",
      "error UNREACHABLE regio/decisions/waarschuwingen.yaml:14",
    ]);
    const [shadowed, contradiction, contradictionInCollect] = findings;
    expect(shadowed?.message).toContain("kan nooit van toepassing zijn");
    expect(shadowed?.message).toContain("eerdere regel ('veel-uren-naar-crossroads')");
    expect(contradiction?.message).toContain("de voorwaarden kunnen niet tegelijk waar zijn");
    expect(contradictionInCollect?.rule).toBe("volwassen-kind");
    // An unreachable rule is not also reported as untested, nor as an overlap.
    expect(withCode(findings, "UNTESTED_RULE")).toEqual([]);
    expect(withCode(findings, "OVERLAP_FIRST")).toEqual([]);
  });

  it("reports a rule without a source as an error, and a segment, product or parameter value without one as a warning", () => {
    expect(check("sources").map(at)).toEqual([
      "error MISSING_SOURCE regio/decisions/segment.yaml:6",
      "warning MISSING_SOURCE regio/parameters.yaml:5",
      "warning MISSING_SOURCE regio/segments.yaml:2",
      "warning MISSING_SOURCE regio/segments.yaml:11",
    ]);
  });

  it("reports an unknown product and an unknown fact, and does not analyse what depends on them", () => {
    const findings = check("references");
    const errors = findings.filter((f) => f.severity === "error");
    expect(errors.map(at)).toEqual([
      "error UNKNOWN_REFERENCE regio/decisions/segment.yaml:6",
      "error UNKNOWN_REFERENCE regio/decisions/waarschuwingen.yaml:6",
    ]);
    expect(errors[0]?.message).toContain("onbekend product 'begeleiding'");
    expect(errors[1]?.message).toContain("onbekend feit 'hoursPerWeek'");
    expect(withCode(findings, "NOT_ANALYSED").map((f) => f.severity)).toEqual(["info", "info", "info"]);
  });

  it("reports parameter periods that overlap or leave a hole, a double membership, a rule that ends before it starts and an unused parameter", () => {
    const findings = check("tiling");
    expect(findings.map(at)).toEqual([
      "error INVALID_PERIOD regio/decisions/coordinatie.yaml:20",
      "error MEMBERSHIP_OVERLAP regio/municipalities.yaml:6",
      "error TILING regio/parameters.yaml:9",
      "error TILING regio/parameters.yaml:19",
      "warning UNUSED_PARAMETER regio/parameters.yaml:22",
    ]);
    const tiling = withCode(findings, "TILING").map((f) => f.message);
    expect(tiling[0]).toContain("twee waarden gelden tegelijk");
    expect(tiling[1]).toContain("van 2024-07-01 t/m 2024-07-31 is er geen waarde");
  });

  it("reports a failing case and the rules no case fires, inherited baseline rules included", () => {
    const errors = check("coverage").filter((f) => f.severity === "error");
    expect(errors.map(at)).toEqual([
      "error UNTESTED_RULE basis/decisions/toegang.yaml:6",
      "error CASE_FAILS regio/cases/route.yaml:6",
      "error UNTESTED_RULE regio/decisions/route.yaml:14",
    ]);
    expect(errors[1]?.message).toContain("'een crisis gaat naar de Toegang'");
    expect(errors[1]?.message).toContain('verwacht "Toegang", kreeg "het CIT"');
    expect(errors[2]?.rule).toBe("huisarts-naar-toegang");
  });

  it("reports a region without any test case", () => {
    expect(check("coverage", "zonder-testgevallen").map(at)).toEqual([
      "error NO_CASES zonder-testgevallen/region.yaml",
    ]);
  });

  it("turns YAML and schema errors into findings with file and line", () => {
    const findings = check("schema");
    expect(findings.map(at)).toEqual([
      "error YAML_ERROR regio/decisions/kapot.yaml:4",
      "error SCHEMA_ERROR regio/decisions/onbekende-sleutel.yaml:7",
    ]);
    expect(findings[1]?.message).toContain("onbekende sleutel(s): wanneer");
  });
});
