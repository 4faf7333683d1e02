import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCase } from "../src/domain/case.ts";
import { parseProvider } from "../src/domain/provider.ts";
import { compileRegion } from "../src/rules/engine.ts";
import { loadRegion, ModelLoadError, RegionNotFoundError, regionForMunicipality } from "../src/rules/load.ts";

const root = join(import.meta.dirname, "fixtures", "multi");
const region = (id: string) => compileRegion(loadRegion(id, root));

describe("a region on a chain of baselines", () => {
  it("merges every layer, from the most general down, and lists each in the receipt", () => {
    const r = region("regio-a");
    expect(r.model.layers.map((l) => l.id)).toEqual(["basis", "midden", "regio-a"]);
    expect(r.model.decisions.map((d) => d.id)).toEqual(
      expect.arrayContaining(["toegang", "segment", "profiel", "partners"]),
    );
    const advice = r.advise(
      parseCase({ requestDate: "2024-01-01", municipality: "0001", birthDate: "2005-01-01" }),
    );
    expect(advice.eligible).toBe(false);
    expect(advice.trace.find((t) => t.rule === "te-oud")?.layer).toBe("basis");
    expect(advice.receipt.layers.map((l) => l.id)).toEqual(["basis", "midden", "regio-a"]);
  });
});

describe("profile and intensity", () => {
  const facts = {
    requestDate: "2024-01-01",
    municipality: "0001",
    birthDate: "2012-01-01",
    complexity: "enkelvoudig",
    crisis: false,
    parentFactors: ["relatieconflict-scheiding"],
    outlook: { aim: "herstel" },
  };

  it("chooses segment, profile and intensity and gives the product code from the region's table", () => {
    const advice = region("regio-a").advise(parseCase(facts));
    expect(advice.segments).toMatchObject([{ id: "B", profile: "1", intensity: "perspectief" }]);
    expect(advice.segments[0]?.products).toEqual([
      {
        id: "B-1-perspectief",
        name: "Segment B, profiel 1 (Psychosociaal), intensiteit perspectief",
        ijw: { code: "45A01" },
      },
    ]);
    expect(advice.duration.map((d) => d.guideline)).toContain(
      "Perspectief: richtpunt maximaal 12 tot 18 maanden",
    );
    expect(advice.financing[0]?.description).toBe("Per profiel en intensiteit. Trajectprijs.");
    expect(advice.warnings.map((w) => w.code)).not.toContain("PRODUCTCODE_ONBEKEND");
  });

  it("says the product code is not known rather than inventing one", () => {
    const advice = region("regio-a").advise(parseCase({ ...facts, outlook: { aim: "stabiliseren" } }));
    expect(advice.segments[0]).toMatchObject({ profile: "1", intensity: "duurzaam-licht" });
    expect(advice.segments[0]?.products[0]?.ijw).toBeUndefined();
    expect(advice.warnings.find((w) => w.code === "PRODUCTCODE_ONBEKEND")?.message).toContain(
      "B-1-duurzaam-licht",
    );
  });

  it("asks for the facts that decide the profile when they are missing", () => {
    const advice = region("regio-a").advise(parseCase({ ...facts, crisis: undefined }));
    expect(advice.missing.map((m) => m.fact)).toContain("crisis");
  });
});

describe("criteria for a provider (partner-check)", () => {
  const r = region("regio-a");
  it("fails a provider below the minimum number of clients", () => {
    const p = r.assessProvider(
      parseProvider({ crisisCapacity: true, uniqueClientsSegment1In2020: 35, revenueSegment1In2020: 1e6 }),
    );
    expect(p.verdict).toBe("voldoet-niet");
    expect(p.criteria.find((c) => c.code === "KWANTITATIEF_2")?.status).toBe("voldoet-niet");
  });
  it("reports a threshold whose amount is lost as unknown, never as passed or failed", () => {
    const p = r.assessProvider(
      parseProvider({ crisisCapacity: true, uniqueClientsSegment1In2020: 40, revenueSegment1In2020: 1e6 }),
    );
    expect(p.criteria.find((c) => c.code === "KWANTITATIEF_1")?.status).toBe("onbekend");
    expect(p.unknownParameters.map((u) => u.name)).toEqual(["omzetdrempel"]);
    expect(p.verdict).toBe("onbekend");
  });
  it("does not let a criterion on the selection as a whole decide one provider's verdict", () => {
    const p = r.assessProvider(parseProvider({ crisisCapacity: false, addictionCare: false }));
    expect(p.criteria.find((c) => c.code === "KWALITATIEF_4")).toMatchObject({
      scope: "selectie",
      status: "voldoet-niet",
    });
    expect(p.verdict).toBe("voldoet-niet");
    expect(p.missing.map((m) => m.fact)).toEqual(
      expect.arrayContaining(["provider.revenueSegment1In2020", "provider.uniqueClientsSegment1In2020"]),
    );
  });
  it("refuses malformed provider facts with field, value and reason", () => {
    expect(() => parseProvider({ uniqueClientsSegment1In2020: -1, onbekend: 1 })).toThrow(
      /uniqueClientsSegment1In2020 = -1: mag niet negatief zijn/,
    );
  });
});

describe("municipality to region by CBS code and date", () => {
  it("finds the region whose own list has the municipality on the date", () => {
    expect(regionForMunicipality("0002", "2024-01-01", root)).toMatchObject({ id: "regio-b" });
    expect(regionForMunicipality("0001", "2024-01-01", root)).toMatchObject({ id: "regio-a" });
  });
  it("reports partial membership that differs per segment", () => {
    expect(regionForMunicipality("0003", "2024-01-01", root)).toEqual({
      id: "regio-a",
      name: "Regio A",
      segments: ["B"],
    });
  });
  it("refuses a tie between two regions that both claim the whole municipality", () => {
    expect(() => regionForMunicipality("0001", "2025-06-01", root)).toThrow(ModelLoadError);
    expect(() => regionForMunicipality("0001", "2025-06-01", root)).toThrow(/gelijkspel.*regio-a, regio-b/);
  });
  it("says when no region is known", () => {
    expect(() => regionForMunicipality("0999", "2024-01-01", root)).toThrow(RegionNotFoundError);
  });
});
