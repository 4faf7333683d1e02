import { type CaseRun, runCases } from "../rules/cases.ts";
import { checkRegion, type Finding } from "../rules/check/index.ts";
import { type CompiledRegion, compileRegion } from "../rules/engine.ts";
import {
  listRegionIds,
  loadRegion,
  type RegionMatch,
  RegionNotFoundError,
  type RegionModel,
  regionForMunicipality,
  regionsRoot,
} from "../rules/load.ts";

/**
 * The region models as the API serves them: read, compiled and checked once per server, because
 * reading the YAML files takes a tenth of a second per region and the static check longer. A changed
 * model is served after a restart, or after a functional admin reloads the models (POST
 * /regiomodellen/herladen).
 */
export class RegionCatalog {
  private readonly models = new Map<string, RegionModel>();
  private readonly compiled = new Map<string, CompiledRegion>();
  private readonly findings = new Map<string, Finding[]>();
  private readonly runs = new Map<string, CaseRun[]>();
  // Dates come from the request: bounded, so a stream of different dates cannot fill the memory.
  private readonly byMunicipality = new Map<string, RegionMatch | null>();
  private static readonly maxLookups = 2_000;
  private ids: string[] | undefined;

  constructor(readonly root: string = regionsRoot()) {}

  /** Forgets what was read, so changed model files are served from the next request on. */
  reload(): void {
    this.models.clear();
    this.compiled.clear();
    this.findings.clear();
    this.runs.clear();
    this.byMunicipality.clear();
    this.ids = undefined;
  }

  regionIds(): string[] {
    this.ids ??= listRegionIds(this.root);
    return this.ids;
  }

  /** Only ids of existing region folders reach the file system, so an id can never be a path. */
  has(id: string): boolean {
    return this.regionIds().includes(id);
  }

  model(id: string): RegionModel {
    let m = this.models.get(id);
    if (!m) {
      m = loadRegion(id, this.root);
      this.models.set(id, m);
    }
    return m;
  }

  compiledRegion(id: string): CompiledRegion {
    let c = this.compiled.get(id);
    if (!c) {
      c = compileRegion(this.model(id));
      this.compiled.set(id, c);
    }
    return c;
  }

  check(id: string): Finding[] {
    let f = this.findings.get(id);
    if (!f) {
      f = checkRegion(id, this.root);
      this.findings.set(id, f);
    }
    return f;
  }

  /** The region's test cases, run once: which rules each case exercises (for the rule viewer). */
  caseRuns(id: string): CaseRun[] {
    let r = this.runs.get(id);
    if (!r) {
      r = runCases(this.compiledRegion(id));
      this.runs.set(id, r);
    }
    return r;
  }

  /** The region a municipality belongs to on a date (the CLI's rule), or undefined when none. */
  regionFor(cbs: string, date: string): RegionMatch | undefined {
    const key = `${cbs} ${date}`;
    if (!this.byMunicipality.has(key)) {
      let match: RegionMatch | null;
      try {
        match = regionForMunicipality(cbs, date, this.root, (id) => this.model(id));
      } catch (e) {
        if (!(e instanceof RegionNotFoundError)) throw e;
        match = null;
      }
      if (this.byMunicipality.size >= RegionCatalog.maxLookups) {
        const oldest = this.byMunicipality.keys().next().value;
        if (oldest !== undefined) this.byMunicipality.delete(oldest);
      }
      this.byMunicipality.set(key, match);
    }
    return this.byMunicipality.get(key) ?? undefined;
  }
}
