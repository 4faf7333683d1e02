import type { IsoDate } from "../domain/dates.ts";
import { type CompiledRegion, compileRegion } from "./engine.ts";
import { loadRegion, RegionNotFoundError, regionForMunicipality } from "./load.ts";

/**
 * The compiled region model that applies to a municipality on a date, or undefined when it belongs to
 * no region then. Models are compiled once per process: iJw imports ask this for every message.
 */
const compiled = new Map<string, CompiledRegion>();
// regionForMunicipality reads the model files on every call; an import asks per requested product.
const regionIds = new Map<string, string | undefined>();

export function compiledRegionFor(municipality: string, date: IsoDate): CompiledRegion | undefined {
  const key = `${municipality} ${date}`;
  if (!regionIds.has(key)) {
    try {
      regionIds.set(key, regionForMunicipality(municipality, date).id);
    } catch (e) {
      if (!(e instanceof RegionNotFoundError)) throw e;
      regionIds.set(key, undefined);
    }
  }
  const id = regionIds.get(key);
  if (id === undefined) return undefined;
  let region = compiled.get(id);
  if (!region) {
    region = compileRegion(loadRegion(id));
    compiled.set(id, region);
  }
  return region;
}

/** After the models on disk changed (a functional admin reloads them): compile them afresh on next use. */
export function forgetCompiledRegions(): void {
  compiled.clear();
  regionIds.clear();
}
