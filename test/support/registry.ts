import { parseCase } from "../../src/domain/case.ts";
import { compileRegion } from "../../src/rules/engine.ts";
import { loadRegion } from "../../src/rules/load.ts";
import { RegistryError } from "../../src/store/registry.ts";

/** What the registry tests share: the region, a typical case, and the rules a refusal names. */

export const hvb = compileRegion(loadRegion("hart-van-brabant"));

/** A child in Tilburg with a single GGZ request: segment 4, purchase area regio-1. */
export const tilburgGgzCase = parseCase({
  requestDate: "2026-03-02",
  municipality: "0855",
  birthDate: "2014-04-04",
  complexity: "enkelvoudig",
  crisis: false,
  residentialCentral: false,
  developmentPerspective: true,
  requestedCare: ["ggz-specialistisch"],
  estimatedHours: { begeleiding: 0, behandeling: 80 },
});

/** The rules a refused write names; [] when it was not refused. */
export async function refusedRules(write: Promise<unknown>): Promise<string[]> {
  try {
    await write;
  } catch (e) {
    if (e instanceof RegistryError) return e.problems.map((x) => x.rule);
    throw e;
  }
  return [];
}
