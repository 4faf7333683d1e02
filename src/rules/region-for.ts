import type { IsoDate } from "../domain/dates.ts";
import { type CompiledRegion, compileRegion } from "./engine.ts";
import { loadRegion, RegionNotFoundError, regionForMunicipality, type RegionModel } from "./load.ts";

/**
 * The compiled region model that applies to a municipality on a date, or undefined when it belongs to
 * no region then. Models are compiled once per process: iJw imports ask this for every message.
 */
const compiled = new Map<string, CompiledRegion>();
// regionForMunicipality reads the model files on every call; an import asks per requested product.
const regionIds = new Map<string, string | undefined>();
// The models it reads, read once: every new (municipality, date) pair, e.g. each allocation with its own
// start date, read and parsed every region's YAML again, about a second of blocked event loop on a busy
// 2-core machine per POST /toewijzingen (found by test/reliability, issue 9).
const models = new Map<string, RegionModel>();
/** A region model as loaded from disk, read once per process (until forgetCompiledRegions). */
export function cachedModel(id: string): RegionModel {
  let model = models.get(id);
  if (!model) {
    model = loadRegion(id);
    models.set(id, model);
  }
  return model;
}

export function compiledRegionFor(municipality: string, date: IsoDate): CompiledRegion | undefined {
  const key = `${municipality} ${date}`;
  if (!regionIds.has(key)) {
    try {
      regionIds.set(key, regionForMunicipality(municipality, date, undefined, cachedModel).id);
    } catch (e) {
      if (!(e instanceof RegionNotFoundError)) throw e;
      regionIds.set(key, undefined);
    }
  }
  const id = regionIds.get(key);
  if (id === undefined) return undefined;
  let region = compiled.get(id);
  if (!region) {
    region = compileRegion(cachedModel(id));
    compiled.set(id, region);
  }
  return region;
}

/** After the models on disk changed (a functional admin reloads them): compile them afresh on next use. */
export function forgetCompiledRegions(): void {
  compiled.clear();
  regionIds.clear();
  models.clear();
}
