import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureCli } from "./support/capture.ts";

const root = join(import.meta.dirname, "..");
const example = (f: string) => join(root, "examples", f);

const { io, cli } = captureCli();

describe("wegwijzer compare", () => {
  it("evaluates one case in several regions and lists where and why the outcomes differ", async () => {
    const code = await cli(
      "compare",
      "--case",
      example("segment-1-huisarts.json"),
      "--regions",
      "hart-van-brabant,amsterdam-amstelland",
      "--format",
      "json",
    );
    expect(code).toBe(0);
    const c = JSON.parse(io.out.join("\n"));
    expect(c.regions.map((r: { id: string }) => r.id)).toEqual(["hart-van-brabant", "amsterdam-amstelland"]);
    expect(c.differences).toContain("segments");
    const segments = c.aspects.find((a: { aspect: string }) => a.aspect === "segments");
    expect(segments.values[0]).toMatchObject({ region: "hart-van-brabant", value: "1" });
    expect(segments.values[0].because.map((b: { rule: string }) => b.rule)).toContain(
      "s1-vuistregel-begeleiding",
    );
    expect(segments.values[1].value).toMatch(/^C/);
    // The family "moves": in Amsterdam-Amstelland the case is judged as if the child lived there.
    expect(c.moved).toEqual([
      { region: "amsterdam-amstelland", municipality: expect.objectContaining({ cbs: expect.any(String) }) },
    ]);
    expect(segments.values[1].because.length).toBeGreaterThan(0);
  });

  it("prints the comparison in Dutch, marking what differs", async () => {
    expect(
      await cli(
        "compare",
        "--case",
        example("segment-1-huisarts.json"),
        "--regions",
        "hart-van-brabant,een-10-voor-de-jeugd",
      ),
    ).toBe(0);
    const text = io.out.join("\n");
    expect(text).toContain("Vergelijking van één casus in Regio Hart van Brabant, Een 10 voor de jeugd");
    expect(text).toMatch(/≠ Route/);
    expect(text).toContain("want: ");
  });

  it("keeps the municipality of the case with --keep-municipality, so another region answers 'not here'", async () => {
    const args = [
      "--regions",
      "hart-van-brabant,amsterdam-amstelland",
      "--format",
      "json",
      "--keep-municipality",
    ];
    expect(await cli("compare", "--case", example("segment-1-huisarts.json"), ...args)).toBe(0);
    const c = JSON.parse(io.out.join("\n"));
    expect(c.moved).toEqual([]);
    const eligible = c.aspects.find((a: { aspect: string }) => a.aspect === "eligible");
    expect(eligible.values.map((v: { value: string }) => v.value)).toEqual(["ja", "nee (ANDERE_REGIO)"]);
  });

  it("refuses fewer than two regions with exit code 2", async () => {
    expect(
      await cli("compare", "--case", example("segment-1-huisarts.json"), "--regions", "hart-van-brabant"),
    ).toBe(2);
    expect(io.err.join("\n")).toContain("ten minste twee regio's");
  });
});

describe("wegwijzer advise --municipality", () => {
  it("finds the region by CBS code on the date", async () => {
    expect(
      await cli(
        "advise",
        "--municipality",
        "0363",
        "--case",
        example("onvolledig.json"),
        "--as-of",
        "2024-01-01",
      ),
    ).toBe(0);
    const advice = JSON.parse(io.out.join("\n"));
    expect(advice.region.id).toBe("amsterdam-amstelland");
    expect(advice.receipt.layers.map((l: { id: string }) => l.id)).toEqual([
      "jeugdwet",
      "spic",
      "amsterdam-amstelland",
    ]);
  });

  it("uses the municipality in the case when no region is given", async () => {
    expect(await cli("advise", "--case", example("segment-4-enkelvoudig.json"))).toBe(0);
    expect(JSON.parse(io.out.join("\n")).region.id).toBe("hart-van-brabant");
  });

  it("says which municipality on which date has no region, with exit code 2", async () => {
    expect(await cli("advise", "--municipality", "0014", "--case", example("onvolledig.json"))).toBe(2);
    expect(io.err.join("\n")).toContain("Geen regio bekend voor gemeente 0014");
    expect(await cli("advise", "--municipality", "14", "--case", example("onvolledig.json"))).toBe(2);
    expect(
      await cli(
        "advise",
        "--municipality",
        "0855",
        "--region",
        "hart-van-brabant",
        "--case",
        example("onvolledig.json"),
      ),
    ).toBe(2);
  });

  it("reports Veldhoven in Een 10 voor de jeugd only from its membership date", async () => {
    const c = example("onvolledig.json");
    expect(await cli("advise", "--municipality", "0861", "--case", c, "--as-of", "2021-06-01")).toBe(2);
    expect(await cli("advise", "--municipality", "0861", "--case", c, "--as-of", "2022-06-01")).toBe(0);
    expect(JSON.parse(io.out.join("\n")).region.id).toBe("een-10-voor-de-jeugd");
  });
});

describe("wegwijzer partner-check", () => {
  const provider = join(root, "examples", "aanbieders", "aanbieder-35-clienten.json");
  it("fails a provider with 35 unique clients and reports the lost revenue threshold as unknown", async () => {
    expect(
      await cli(
        "partner-check",
        "--region",
        "een-10-voor-de-jeugd",
        "--provider",
        provider,
        "--format",
        "json",
      ),
    ).toBe(0);
    const r = JSON.parse(io.out.join("\n"));
    expect(r.verdict).toBe("voldoet-niet");
    expect(r.criteria.find((c: { code: string }) => c.code === "KWANTITATIEF_2").status).toBe("voldoet-niet");
    expect(r.criteria.find((c: { code: string }) => c.code === "KWANTITATIEF_1").status).toBe("onbekend");
    expect(r.unknownParameters.map((p: { name: string }) => p.name)).toEqual(["omzetdrempel-segment-1-2020"]);
  });

  it("explains each criterion in Dutch with its source", async () => {
    expect(await cli("partner-check", "--region", "een-10-voor-de-jeugd", "--provider", provider)).toBe(0);
    const text = io.out.join("\n");
    expect(text).toContain("voldoet niet aan alle criteria");
    expect(text).toContain("? onbekend  KWANTITATIEF_1");
    expect(text).toContain("Bron: 002_67acd6a217c4d7d6.txt");
    expect(text).toContain("(waarde onbekend; niet geraden)");
  });

  it("refuses a region without selection criteria and malformed provider facts with exit code 2", async () => {
    expect(await cli("partner-check", "--region", "hart-van-brabant", "--provider", provider)).toBe(2);
    expect(io.err.join("\n")).toContain("heeft geen selectiecriteria");
    const bad = join(root, "test", "fixtures", "cli", "malformed-provider.json");
    expect(await cli("partner-check", "--region", "een-10-voor-de-jeugd", "--provider", bad)).toBe(2);
    expect(io.err.join("\n")).toContain("uniqueClientsSegment1In2020 = -4: mag niet negatief zijn");
  });
});

describe("wegwijzer regions", () => {
  it("lists every region of the source documents with its validity", async () => {
    expect(await cli("regions")).toBe(0);
    const text = io.out.join("\n");
    for (const id of [
      "hart-van-brabant",
      "een-10-voor-de-jeugd",
      "iaj-gwv-hcmv",
      "amsterdam-amstelland",
      "zaanstreek-waterland",
    ]) {
      expect(text).toMatch(new RegExp(`^${id} .* geldig vanaf \\d{4}-\\d{2}-\\d{2}`, "m"));
    }
  });
});
