import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureCli } from "./support/capture.ts";

const root = join(import.meta.dirname, "..");
const example = join(root, "examples", "segment-1-huisarts.json");

const { io, cli } = captureCli();

describe("wegwijzer advise", () => {
  it("prints a JSON advice with every key the API promises", async () => {
    expect(await cli("advise", "--region", "hart-van-brabant", "--case", example)).toBe(0);
    const advice = JSON.parse(io.out.join("\n"));
    for (const key of [
      "region",
      "asOf",
      "eligible",
      "segments",
      "route",
      "coordination",
      "duration",
      "financing",
      "deadlines",
      "warnings",
      "missing",
      "trace",
      "receipt",
    ]) {
      expect(advice).toHaveProperty(key);
    }
    expect(advice.segments.map((s: { id: string }) => s.id)).toEqual(["1"]);
    expect(advice.deadlines[0]).toMatchObject({ id: "start-binnen-6-weken", due: "2026-12-14" });
    for (const w of advice.warnings) expect(w.code).toMatch(/^[A-Z_]+$/);
    for (const t of advice.trace) expect(t).toHaveProperty("source");
    expect(advice.receipt).toMatchObject({
      region: "hart-van-brabant",
      modelVersion: "2023.1",
      asOf: "2026-11-02",
    });
  });

  it("explains the advice in Dutch for a professional with --format text", async () => {
    expect(await cli("advise", "--region", "hart-van-brabant", "--case", example, "--format", "text")).toBe(
      0,
    );
    const text = io.out.join("\n");
    expect(text).toContain("Segment: Segment 1 Hoog specialistische jeugdhulp");
    expect(text).toContain("Route: verwijs naar de Toegang");
    expect(text).toContain("uiterlijk 14 december 2026");
    expect(text).toContain("Bron: 000_cf04aec72be2986f.txt");
    expect(text).toContain("Waarom niet de andere segmenten:");
  });

  it("marks a local choice that decided a warning as not the region's policy", async () => {
    const s4 = join(root, "examples", "segment-4-enkelvoudig.json");
    expect(await cli("advise", "--region", "hart-van-brabant", "--case", s4, "--format", "text")).toBe(0);
    const text = io.out.join("\n");
    expect(text).toContain("ligt tegen de vuistregel van 230 uur aan");
    expect(text).toContain("Lokale keuzes van Wegwijzer (geen beleid van de regio)");
    expect(text).toContain("marge-bijna-vuistregel = 0,9");
  });

  it("answers with the rules in force on --as-of", async () => {
    expect(
      await cli("advise", "--region", "hart-van-brabant", "--case", example, "--as-of", "2022-12-31"),
    ).toBe(0);
    const advice = JSON.parse(io.out.join("\n"));
    expect(advice.segments).toEqual([]);
    expect(advice.warnings.map((w: { code: string }) => w.code)).toContain("MODEL_NIET_GELDIG");
  });

  it("refuses a malformed case with exit code 2, naming field, value and reason", async () => {
    const bad = join(root, "test", "fixtures", "cli", "malformed-case.json");
    expect(await cli("advise", "--region", "hart-van-brabant", "--case", bad)).toBe(2);
    const msg = io.err.join("\n");
    expect(msg).toContain('municipality = "855"');
    expect(msg).toContain("CBS-gemeentecode");
    expect(msg).toContain("estimatedHours.begeleiding = -3: mag niet negatief zijn");
    expect(msg).toContain("kinderen = 2: onbekend veld");
    expect(io.out.join("")).toBe("");
  });

  it("refuses input that is not JSON, a missing file, an unknown region and a bad date with exit code 2", async () => {
    const notJson = join(root, "test", "fixtures", "cli", "not-json.json");
    expect(await cli("advise", "--region", "hart-van-brabant", "--case", notJson)).toBe(2);
    expect(io.err.join("\n")).toContain("geen geldige JSON");
    expect(await cli("advise", "--region", "hart-van-brabant", "--case", "bestaat-niet.json")).toBe(2);
    expect(io.err.join("\n")).toContain("het bestand bestaat niet");
    expect(await cli("advise", "--region", "atlantis", "--case", example)).toBe(2);
    expect(io.err.join("\n")).toContain("Onbekende regio 'atlantis'");
    expect(
      await cli("advise", "--region", "hart-van-brabant", "--case", example, "--as-of", "2024-02-30"),
    ).toBe(2);
    expect(io.err.join("\n")).toContain("'2024-02-30' bestaat niet als datum");
    expect(await cli("advise", "--region", "hart-van-brabant")).toBe(2);
    expect(await cli("advise", "--region", "hart-van-brabant", "--case", example, "--format", "pdf")).toBe(2);
  });

  it("reads the case from standard input with --case -", () => {
    const r = spawnSync(
      process.execPath,
      ["--import", "tsx", "src/cli/main.ts", "advise", "--region", "hart-van-brabant", "--case", "-"],
      { cwd: root, input: readFileSync(example), encoding: "utf8" },
    );
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).segments[0].id).toBe("1");
  });
});

describe("wegwijzer schema case", () => {
  it("prints the case facts as a JSON Schema", async () => {
    expect(await cli("schema", "case")).toBe(0);
    const schema = JSON.parse(io.out.join("\n"));
    expect(schema.$schema).toContain("2020-12");
    expect(schema.properties.estimatedHours.properties.begeleiding.minimum).toBe(0);
    expect(schema.additionalProperties).toBe(false);
  });
});

describe("wegwijzer regions", () => {
  it("lists the baseline and Hart van Brabant", async () => {
    expect(await cli("regions", "--format", "json")).toBe(0);
    const rows = JSON.parse(io.out.join("\n"));
    expect(rows.map((r: { id: string }) => r.id)).toEqual(
      expect.arrayContaining(["jeugdwet", "hart-van-brabant"]),
    );
    expect(rows.find((r: { id: string }) => r.id === "hart-van-brabant")).toMatchObject({
      extends: "jeugdwet",
      validFrom: "2023-01-01",
      segments: ["1", "2", "3", "4", "5"],
    });
  });
});
