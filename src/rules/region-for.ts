import type { IsoDate } from "../domain/dates.ts";
import { type CompiledRegion, compileRegion } from "./engine.ts";
import { loadRegion, RegionNotFoundError, regionForMunicipality } from "./load.ts";

/**
 * The compiled region model that applies to a municipality on a date, or undefined when it belongs to
 * no region then. Models are compiled once per process: iJw imports ask this for every message.
 */
const compiled = new Map<string, CompiledRegion>();

export function compiledRegionFor(municipality: string, date: IsoDate): CompiledRegion | undefined {
  let id: string;
  try {
    id = regionForMunicipality(municipality, date).id;
  } catch (e) {
    if (e instanceof RegionNotFoundError) return undefined;
    throw e;
  }
  let region = compiled.get(id);
  if (!region) {
    region = compileRegion(loadRegion(id));
    compiled.set(id, region);
  }
  return region;
}
