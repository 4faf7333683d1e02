import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseCase } from "../src/domain/case.ts";
import { canonicalJson, compileRegion, ENGINE_VERSION } from "../src/rules/engine.ts";
import { loadRegion } from "../src/rules/load.ts";

/**
 * Every advice carries a receipt: which engine, which model (version and content hash of its files),
 * which date and which case. The model hash changes when a file that decides the outcome changes, and
 * only then. Fixtures are copied to a temporary folder before they are edited.
 */

const fixtures = join(import.meta.dirname, "fixtures", "load");
const packageVersion = JSON.parse(
  readFileSync(join(import.meta.dirname, "..", "package.json"), "utf8"),
).version;
const sha256 = /^[0-9a-f]{64}$/;

const tmpDirs: string[] = [];
afterAll(() => {
  for (const dir of tmpDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of a fixture root, safe to edit. */
function copyOf(fixture: string): string {
  const dir = mkdtempSync(join(tmpdir(), `wegwijzer-${fixture}-`));
  tmpDirs.push(dir);
  cpSync(join(fixtures, fixture), dir, { recursive: true });
  return dir;
}

function edit(root: string, file: string, from: string, to: string): void {
  const path = join(root, file);
  const text = readFileSync(path, "utf8");
  if (!text.includes(from)) throw new Error(`'${from}' staat niet in ${file}`);
  writeFileSync(path, text.replace(from, to));
}

const facts = parseCase({ requestDate: "2024-03-01", estimatedHours: { begeleiding: 250 } });

describe("the receipt of an advice", () => {
  const model = loadRegion("regio", join(fixtures, "engine-parameter-in-time"));
  const advice = compileRegion(model).advise(facts, { asOf: "2024-08-01" });

  it("names the engine and its version, the model, its version and hash, and the date", () => {
    expect(ENGINE_VERSION).toBe(packageVersion);
    expect(advice.receipt).toEqual({
      engine: "wegwijzer",
      engineVersion: packageVersion,
      region: "regio",
      modelVersion: "3.1",
      modelHash: model.hash,
      layers: [{ id: "regio", version: "3.1", hash: model.hash }],
      asOf: "2024-08-01",
      caseHash: createHash("sha256").update(canonicalJson(facts)).digest("hex"),
    });
    expect(advice.receipt.modelHash).toMatch(sha256);
    expect(advice.receipt.caseHash).toMatch(sha256);
  });

  it("has a case hash that ignores key order but changes with any fact", () => {
    const region = compileRegion(model);
    const hashOf = (raw: unknown) => region.advise(parseCase(raw), { asOf: "2024-08-01" }).receipt.caseHash;
    const a = hashOf({ requestDate: "2024-03-01", estimatedHours: { begeleiding: 250, behandeling: 10 } });
    const b = hashOf({ estimatedHours: { behandeling: 10, begeleiding: 250 }, requestDate: "2024-03-01" });
    const c = hashOf({ requestDate: "2024-03-01", estimatedHours: { begeleiding: 251, behandeling: 10 } });
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it("in a region on a baseline, names both layers with their own hashes", () => {
    const merged = loadRegion("regio", join(fixtures, "merge-valid"));
    const receipt = compileRegion(merged).advise(parseCase({}), { asOf: "2024-03-01" }).receipt;
    expect(receipt.modelVersion).toBe("2.0");
    expect(receipt.modelHash).toBe(merged.hash);
    expect(receipt.layers.map((l) => [l.id, l.version])).toEqual([
      ["basis", "1.0"],
      ["regio", "2.0"],
    ]);
    const [basis, regio] = receipt.layers;
    expect(new Set([basis?.hash, regio?.hash, receipt.modelHash]).size).toBe(3);
  });
});

describe("the model hash", () => {
  it("depends on the content of the files, not on where the model lies", () => {
    const original = loadRegion("regio", join(fixtures, "engine-parameter-in-time")).hash;
    expect(loadRegion("regio", copyOf("engine-parameter-in-time")).hash).toBe(original);
  });

  it.each([
    [
      "a rule's explanation",
      "regio/decisions/segment.yaml",
      "Onder de drempel is de hulp licht.",
      "Onder de drempel is de hulp nog licht.",
    ],
    ["a parameter value", "regio/parameters.yaml", "value: 200", "value: 210"],
    ["a segment's financing", "regio/segments.yaml", "Een vast budget.", "Een vast jaarbudget."],
    ["the region's version", "regio/region.yaml", 'version: "3.1"', 'version: "3.2"'],
  ])("changes when %s changes, and the receipt shows it", (_what, file, from, to) => {
    const root = copyOf("engine-parameter-in-time");
    const before = compileRegion(loadRegion("regio", root)).advise(facts).receipt.modelHash;
    edit(root, file, from, to);
    const after = compileRegion(loadRegion("regio", root)).advise(facts).receipt.modelHash;
    expect(after).toMatch(sha256);
    expect(after).not.toBe(before);
  });

  it("changes when a decision file is added", () => {
    const root = copyOf("engine-parameter-in-time");
    const before = loadRegion("regio", root).hash;
    writeFileSync(
      join(root, "regio/decisions/signalen.yaml"),
      [
        "id: signalen",
        "kind: warning",
        "title: Signalen",
        "hitPolicy: collect",
        "rules:",
        "  - id: crisis",
        "    when: [{ fact: crisis, is: true }]",
        "    then: { code: CRISIS, severity: info, message: Crisis. }",
        "    explain: Crisis.",
        "",
      ].join("\n"),
    );
    expect(loadRegion("regio", root).hash).not.toBe(before);
  });

  it("does not change when only a test case changes", () => {
    const root = copyOf("engine-parameter-in-time");
    const before = loadRegion("regio", root).hash;
    edit(root, "regio/cases/voorbeelden.yaml", "250 uur voor 1 juli 2024", "250 uur in maart 2024");
    const after = loadRegion("regio", root);
    expect(after.cases[0]?.case.name).toBe("250 uur in maart 2024");
    expect(after.hash).toBe(before);
  });

  it("in a region on a baseline, changes the baseline layer's hash when a baseline file changes", () => {
    const root = copyOf("merge-valid");
    const before = loadRegion("regio", root);
    edit(root, "basis/parameters.yaml", "value: 18", "value: 19");
    const after = loadRegion("regio", root);
    expect(after.layers[0]?.hash).not.toBe(before.layers[0]?.hash);
    expect(after.layers[1]?.hash).toBe(before.layers[1]?.hash);
    expect(after.hash).not.toBe(before.hash);
  });
});
