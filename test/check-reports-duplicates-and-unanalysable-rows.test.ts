import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkRegion } from "../src/rules/check/index.ts";

/** A region generated into a temporary folder: small variations without a fixture folder each. */
const root = mkdtempSync(join(tmpdir(), "wegwijzer-check-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function write(file: string, text: string) {
  const path = join(root, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

write(
  "regio/region.yaml",
  `id: regio
name: Testregio
version: "1"
validFrom: "2024-01-01"
description: Gegenereerd voor een test.
sources: [{ id: beleid, title: Beleid, url: "https://example.org/beleid" }]
`,
);
write(
  "regio/decisions/waarschuwingen.yaml",
  `id: waarschuwingen
kind: warning
title: Waar moet je op letten?
hitPolicy: collect
rules:
  - id: meer-begeleiding-dan-behandeling
    when:
      - fact: estimatedHours.begeleiding
        above: estimatedHours.behandeling
    then: { code: VEEL_BEGELEIDING, severity: info, message: Meer begeleiding dan behandeling. }
    explain: Meer begeleiding dan behandeling.
    source: { doc: beleid }
  - id: meer-begeleiding-dan-behandeling
    when:
      - fact: crisis
        is: true
    then: { code: CRISIS, severity: info, message: Crisis. }
    explain: Een crisis.
    source: { doc: beleid }
`,
);
write(
  "regio/cases/cases.yaml",
  `cases:
  - name: meer begeleiding dan behandeling
    facts: { requestDate: "2024-03-01", crisis: true, estimatedHours: { begeleiding: 10, behandeling: 5 } }
    expect: { warnings: [VEEL_BEGELEIDING, CRISIS] }
`,
);

write(
  "tijd/region.yaml",
  `id: tijd
name: Testregio in de tijd
version: "1"
validFrom: "2024-01-01"
description: Gegenereerd voor een test.
sources: [{ id: beleid, title: Beleid, url: "https://example.org/beleid" }]
`,
);
write(
  "tijd/parameters.yaml",
  `parameters:
  drempel:
    description: Begint te laat, eindigt te vroeg en is een tijd onbekend
    values:
      - { from: "2024-03-01", to: "2024-06-30", value: 300, source: { doc: beleid } }
      - { from: "2024-07-01", to: "2024-12-31", value: null, source: { doc: beleid } }
`,
);
write(
  "tijd/decisions/segment.yaml",
  `id: waarschuwingen
kind: warning
title: Waar moet je op letten?
hitPolicy: collect
rules:
  - id: veel-uren
    when:
      - fact: estimatedHours.begeleiding
        atLeast: $drempel
    then: { code: VEEL_UREN, severity: info, message: Veel uren. }
    explain: Veel uren.
    source: { doc: beleid }
  - id: oude-regel
    validTo: "2023-12-31"
    when:
      - fact: crisis
        is: true
    then: { code: CRISIS, severity: info, message: Crisis. }
    explain: Een crisis, volgens de regels van 2023.
    source: { doc: beleid }
`,
);
write(
  "tijd/cases/cases.yaml",
  `cases:
  - name: veel uren
    facts: { requestDate: "2024-04-01", estimatedHours: { begeleiding: 400 } }
    expect: { warnings: [VEEL_UREN] }
`,
);

describe("the static checker on a generated region with dated parameters and rules", () => {
  const at = checkRegion("tijd", root).map((f) => `${f.severity} ${f.code} ${f.file}:${f.line}`);

  it("warns about a parameter that starts after the model and ends before it, and notes an unknown value", () => {
    expect(at).toContain("warning TILING_START tijd/parameters.yaml:5");
    expect(at).toContain("warning TILING_END tijd/parameters.yaml:6");
    expect(at).toContain("info PARAMETER_UNKNOWN tijd/parameters.yaml:6");
  });

  it("warns about a rule that is never in force while the model is, without also calling it untested", () => {
    expect(at).toContain("warning RULE_NEVER_IN_FORCE tijd/decisions/segment.yaml:13");
    expect(at.filter((a) => a.includes("UNTESTED_RULE"))).toEqual([]);
  });
});

describe("the static checker on a generated region", () => {
  const findings = checkRegion("regio", root);
  const at = findings.map((f) => `${f.severity} ${f.code} ${f.file}:${f.line}`);

  it("reports a rule id used twice in one decision", () => {
    expect(at).toContain("error DUPLICATE_ID regio/decisions/waarschuwingen.yaml:13");
  });

  it("says which row it cannot analyse because its threshold is another fact", () => {
    expect(at).toContain("info NOT_ANALYSED regio/decisions/waarschuwingen.yaml:6");
    expect(findings.find((f) => f.code === "NOT_ANALYSED")?.message).toContain("geschatte uren behandeling");
  });
});
