import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import {
  type CaseFile,
  caseFileSchema,
  type PartnerCase,
  partnerCaseFileSchema,
  type Decision,
  decisionFileSchema,
  municipalitiesFileSchema,
  type Parameter,
  parametersFileSchema,
  type Rule,
  regionFileSchema,
  type Segment,
  segmentsFileSchema,
} from "./model-schema.ts";
import { lineFinder } from "./yaml-path.ts";

/**
 * Reads a region model from its folder: YAML files a policy advisor can read. Every error names the
 * file and the line, so the advisor can find it without knowing the loader.
 */

export interface Origin {
  file: string;
  line: number;
}

export interface ModelIssue extends Partial<Origin> {
  path?: string;
  message: string;
}

export class ModelLoadError extends Error {
  constructor(
    readonly regionId: string,
    readonly issues: ModelIssue[],
  ) {
    super(`Regiomodel '${regionId}' is niet geldig:\n${issues.map(formatIssue).join("\n")}`);
    this.name = "ModelLoadError";
  }
}

export function formatIssue(issue: ModelIssue): string {
  const where = issue.file ? `${issue.file}${issue.line ? `:${issue.line}` : ""}` : "(model)";
  return `- ${where}: ${issue.path ? `${issue.path}: ` : ""}${issue.message}`;
}

export type RegionInfo = z.infer<typeof regionFileSchema>;
export type Municipality = z.infer<typeof municipalitiesFileSchema>["municipalities"][number];
export type Derived = z.infer<typeof parametersFileSchema>["derived"][string];

export interface LoadedRule extends Rule {
  origin: Origin;
  /** Where the rule comes from: the region itself or the baseline it builds on. */
  layer: string;
  overridden?: { rule: Rule; layer: string };
}

export interface LoadedDecision extends Omit<Decision, "rules"> {
  rules: LoadedRule[];
  origin: Origin;
}

export interface LoadedCase {
  case: CaseFile["cases"][number];
  origin: Origin;
}

export interface LoadedPartnerCase {
  case: PartnerCase;
  origin: Origin;
}

/** One folder's content, before the baseline is merged in. */
export interface ModelLayer {
  dir: string;
  info: RegionInfo;
  municipalities: (Municipality & { origin: Origin })[];
  parameters: Record<string, Parameter & { origin: Origin }>;
  derived: Record<string, Derived & { origin: Origin }>;
  segments: (Segment & { origin: Origin })[];
  decisions: LoadedDecision[];
  cases: LoadedCase[];
  partnerCases: LoadedPartnerCase[];
  /** Where each entry of info.sources is written (region.yaml, line). */
  sourceOrigins: Origin[];
  /** Hash of the files that decide the outcome (test cases excluded). */
  hash: string;
}

/** A region merged with its baseline: what the engine compiles. */
export interface RegionModel extends Omit<ModelLayer, "dir" | "sourceOrigins"> {
  /** The layer whose municipality list this model uses (a region without a list inherits its base's). */
  municipalitiesFrom: string;
  layers: { id: string; version: string; hash: string }[];
  baseline?: RegionInfo;
  sources: RegionInfo["sources"];
}

export function regionsRoot(): string {
  return resolve(process.env.WEGWIJZER_REGIONS ?? join(import.meta.dirname, "..", "..", "regions"));
}

export function listRegionIds(root = regionsRoot()): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, "region.yaml")))
    .map((d) => d.name)
    .sort();
}

interface ParsedFile<T> {
  data: T;
  lineOf(path: (string | number)[]): number;
}

function parseYamlFile<T>(
  file: string,
  root: string,
  schema: z.ZodType<T>,
  issues: ModelIssue[],
): ParsedFile<T> | undefined {
  const rel = relative(root, file);
  const text = readFileSync(file, "utf8");
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOfOffset = (offset: number) => lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      issues.push({
        file: rel,
        line: lineOfOffset(err.pos[0]),
        message: `YAML: ${err.message.split("\n")[0]}`,
      });
    }
    return undefined;
  }
  const lineOf = lineFinder(doc, lineCounter);
  const result = schema.safeParse(doc.toJS());
  if (!result.success) {
    for (const issue of result.error.issues) {
      const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
      const extra =
        issue.code === "unrecognized_keys" ? `onbekende sleutel(s): ${issue.keys.join(", ")}` : issue.message;
      // An unknown key is reported at the key itself, not at the start of the object that holds it.
      const key = issue.code === "unrecognized_keys" ? issue.keys[0] : undefined;
      const at = key === undefined ? path : [...path, key];
      issues.push({ file: rel, line: lineOf(at), path: path.join("."), message: extra });
    }
    return undefined;
  }
  return { data: result.data, lineOf };
}

function hashFiles(files: string[], root: string): string {
  const h = createHash("sha256");
  for (const f of [...files].sort()) {
    h.update(relative(root, f));
    h.update("\0");
    h.update(readFileSync(f));
    h.update("\0");
  }
  return h.digest("hex");
}

function yamlFilesIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml") || f.endsWith(".yml"))
    .sort()
    .map((f) => join(dir, f));
}

const originIn = (
  root: string,
  file: string,
  lineOf: (p: (string | number)[]) => number,
  path: (string | number)[],
): Origin => ({ file: relative(root, file), line: lineOf(path) });

/**
 * A folder's region.yaml and municipalities.yaml: what loadLayer starts with, and all the registry's
 * municipality tables need. Problems go to `issues`; a missing region.yaml throws.
 */
function readRegionAndMunicipalities(id: string, root: string, issues: ModelIssue[]) {
  const dir = join(root, id);
  if (!existsSync(join(dir, "region.yaml"))) {
    throw new ModelLoadError(id, [
      { message: `geen regiomodel gevonden: ${join(id, "region.yaml")} ontbreekt` },
    ]);
  }
  const regionFile = parseYamlFile(join(dir, "region.yaml"), root, regionFileSchema, issues);
  const municipalities: ModelLayer["municipalities"] = [];
  const mFile = join(dir, "municipalities.yaml");
  if (existsSync(mFile)) {
    const parsed = parseYamlFile(mFile, root, municipalitiesFileSchema, issues);
    parsed?.data.municipalities.forEach((m, i) => {
      municipalities.push({ ...m, origin: originIn(root, mFile, parsed.lineOf, ["municipalities", i]) });
    });
  }
  if (regionFile && regionFile.data.id !== id) {
    issues.push({
      file: relative(root, join(dir, "region.yaml")),
      line: regionFile.lineOf(["id"]),
      message: `id '${regionFile.data.id}' is niet gelijk aan de mapnaam '${id}'`,
    });
  }
  return { dir, regionFile, mFile, municipalities };
}

/** One folder's own municipality list, without its rules: who belongs to the region when. */
export type MembershipLayer = Pick<ModelLayer, "info" | "municipalities">;

/**
 * Every folder's region.yaml and own municipality list (a region without a list has none here, though
 * its model borrows its baseline's), read without the rules: fast enough to run whenever the registry
 * is opened (syncRegionModels).
 */
export function loadMembershipLayers(root = regionsRoot()): MembershipLayer[] {
  return listRegionIds(root).map((id) => {
    const issues: ModelIssue[] = [];
    const { regionFile, municipalities } = readRegionAndMunicipalities(id, root, issues);
    if (issues.length > 0 || !regionFile) throw new ModelLoadError(id, issues);
    return { info: regionFile.data, municipalities };
  });
}

export function loadLayer(id: string, root = regionsRoot()): ModelLayer {
  const issues: ModelIssue[] = [];
  const layerId = id;
  const { dir, regionFile, mFile, municipalities } = readRegionAndMunicipalities(id, root, issues);
  const origin = (file: string, lineOf: (p: (string | number)[]) => number, path: (string | number)[]) =>
    originIn(root, file, lineOf, path);

  const parameters: ModelLayer["parameters"] = {};
  const derived: ModelLayer["derived"] = {};
  const pFile = join(dir, "parameters.yaml");
  if (existsSync(pFile)) {
    const parsed = parseYamlFile(pFile, root, parametersFileSchema, issues);
    if (parsed) {
      for (const [name, p] of Object.entries(parsed.data.parameters)) {
        parameters[name] = { ...p, origin: origin(pFile, parsed.lineOf, ["parameters", name]) };
      }
      for (const [name, d] of Object.entries(parsed.data.derived)) {
        derived[name] = { ...d, origin: origin(pFile, parsed.lineOf, ["derived", name]) };
      }
    }
  }

  const segments: ModelLayer["segments"] = [];
  const sFile = join(dir, "segments.yaml");
  if (existsSync(sFile)) {
    const parsed = parseYamlFile(sFile, root, segmentsFileSchema, issues);
    parsed?.data.segments.forEach((s, i) => {
      segments.push({ ...s, origin: origin(sFile, parsed.lineOf, ["segments", i]) });
    });
  }

  const decisions: LoadedDecision[] = [];
  const decisionFiles = yamlFilesIn(join(dir, "decisions"));
  for (const file of decisionFiles) {
    const parsed = parseYamlFile(file, root, decisionFileSchema, issues);
    if (!parsed) continue;
    decisions.push({
      ...parsed.data,
      origin: origin(file, parsed.lineOf, []),
      rules: parsed.data.rules.map((r, i) => ({
        ...r,
        layer: layerId,
        origin: origin(file, parsed.lineOf, ["rules", i]),
      })),
    });
  }

  const cases: LoadedCase[] = [];
  for (const file of yamlFilesIn(join(dir, "cases"))) {
    const parsed = parseYamlFile(file, root, caseFileSchema, issues);
    parsed?.data.cases.forEach((c, i) => {
      cases.push({ case: c, origin: origin(file, parsed.lineOf, ["cases", i]) });
    });
  }

  const partnerCases: LoadedPartnerCase[] = [];
  for (const file of yamlFilesIn(join(dir, "partner-cases"))) {
    const parsed = parseYamlFile(file, root, partnerCaseFileSchema, issues);
    parsed?.data.cases.forEach((c, i) => {
      partnerCases.push({ case: c, origin: origin(file, parsed.lineOf, ["cases", i]) });
    });
  }

  if (issues.length > 0 || !regionFile) throw new ModelLoadError(id, issues);

  const modelFiles = [join(dir, "region.yaml"), mFile, pFile, sFile, ...decisionFiles].filter((f) =>
    existsSync(f),
  );
  return {
    dir,
    info: regionFile.data,
    municipalities,
    parameters,
    derived,
    segments,
    decisions,
    cases,
    partnerCases,
    sourceOrigins: regionFile.data.sources.map((_, i) =>
      origin(join(dir, "region.yaml"), regionFile.lineOf, ["sources", i]),
    ),
    hash: hashFiles(modelFiles, root),
  };
}

/**
 * Merges a region onto its baseline. A region adds rules to a baseline decision, or replaces one
 * with `overrides` and a `reason`; the same rule id twice without `overrides` is an error, as are two
 * rules that override the same baseline rule: a tie is never resolved silently.
 */
/** What a region builds on: a baseline layer, or a chain of them already merged. */
export type BaseModel = Pick<
  RegionModel,
  | "info"
  | "sources"
  | "municipalities"
  | "municipalitiesFrom"
  | "parameters"
  | "derived"
  | "segments"
  | "decisions"
  | "hash"
  | "layers"
>;

function layerAsModel(layer: ModelLayer): RegionModel {
  const { dir: _dir, sourceOrigins: _sourceOrigins, ...rest } = layer;
  return {
    ...rest,
    layers: [{ id: layer.info.id, version: layer.info.version, hash: layer.hash }],
    sources: layer.info.sources,
    municipalitiesFrom: layer.info.id,
  };
}

export function mergeLayers(baseline: BaseModel | ModelLayer | undefined, region: ModelLayer): RegionModel {
  const issues: ModelIssue[] = [];
  if (!baseline) return layerAsModel(region);
  const base: BaseModel = "dir" in baseline ? layerAsModel(baseline) : baseline;

  const sources = [...base.sources];
  region.info.sources.forEach((s, i) => {
    if (sources.some((b) => b.id === s.id)) {
      issues.push({ ...region.sourceOrigins[i], message: `bron-id '${s.id}' bestaat al in de basis` });
    } else sources.push(s);
  });

  const parameters = { ...base.parameters };
  for (const [name, p] of Object.entries(region.parameters)) {
    if (parameters[name] && !(p.overrides && p.reason)) {
      issues.push({
        ...p.origin,
        path: name,
        message: `parameter '${name}' bestaat al in de basis '${base.info.id}': zet 'overrides: true' met een 'reason'`,
      });
    }
    if (!parameters[name] && p.overrides) {
      issues.push({ ...p.origin, path: name, message: `parameter '${name}' overschrijft niets in de basis` });
    }
    parameters[name] = p;
  }
  const derived = { ...base.derived };
  for (const [name, d] of Object.entries(region.derived)) {
    if (derived[name])
      issues.push({ ...d.origin, path: name, message: `afgeleid feit '${name}' bestaat al in de basis` });
    derived[name] = d;
  }

  const decisions: LoadedDecision[] = base.decisions.map((d) => ({ ...d, rules: [...d.rules] }));
  /** decision id + overridden rule id → the region rule that overrides it, over all region files. */
  const overriddenBy = new Map<string, string>();
  for (const d of region.decisions) {
    const base = decisions.find((b) => b.id === d.id);
    if (!base) {
      for (const r of d.rules) {
        if (r.overrides)
          issues.push({
            ...r.origin,
            message: `regel '${r.id}' overschrijft '${r.overrides}', maar beslissing '${d.id}' staat niet in de basis`,
          });
      }
      decisions.push(d);
      continue;
    }
    if (base.kind !== d.kind || base.hitPolicy !== d.hitPolicy) {
      issues.push({
        ...d.origin,
        message: `beslissing '${d.id}' heeft een ander soort of andere hit policy dan in de basis`,
      });
    }
    for (const r of d.rules) {
      if (r.overrides) {
        // Before the lookup: the first override has already replaced the baseline rule.
        const tieKey = `${d.id}\0${r.overrides}`;
        const earlier = overriddenBy.get(tieKey);
        if (earlier) {
          issues.push({
            ...r.origin,
            message: `gelijkspel: '${r.id}' en '${earlier}' overschrijven allebei '${r.overrides}'`,
          });
          continue;
        }
        const idx = base.rules.findIndex((b) => b.id === r.overrides);
        if (idx < 0) {
          issues.push({
            ...r.origin,
            message: `regel '${r.id}' overschrijft '${r.overrides}', maar die regel bestaat niet in '${d.id}'`,
          });
          continue;
        }
        if (!r.reason)
          issues.push({
            ...r.origin,
            message: `regel '${r.id}' overschrijft '${r.overrides}' zonder 'reason'`,
          });
        overriddenBy.set(tieKey, r.id);
        const old = base.rules[idx] as LoadedRule;
        base.rules[idx] = { ...r, overridden: { rule: old, layer: old.layer } };
      } else if (base.rules.some((b) => b.id === r.id)) {
        issues.push({
          ...r.origin,
          message: `regel-id '${r.id}' bestaat al in de basis: gebruik 'overrides' met een 'reason'`,
        });
      } else {
        base.rules.push(r);
      }
    }
  }
  const segments = [...base.segments];
  for (const seg of region.segments) {
    if (segments.some((b) => b.id === seg.id)) {
      issues.push({ ...seg.origin, message: `segment '${seg.id}' bestaat al in de basis '${base.info.id}'` });
    } else segments.push(seg);
  }
  if (issues.length > 0) throw new ModelLoadError(region.info.id, issues);

  return {
    info: region.info,
    baseline: base.info,
    // A region without its own municipality list covers what its baseline covers.
    municipalities: region.municipalities.length > 0 ? region.municipalities : base.municipalities,
    municipalitiesFrom: region.municipalities.length > 0 ? region.info.id : base.municipalitiesFrom,
    parameters,
    derived,
    segments,
    decisions,
    cases: region.cases,
    partnerCases: region.partnerCases,
    hash: createHash("sha256").update(base.hash).update(region.hash).digest("hex"),
    layers: [...base.layers, { id: region.info.id, version: region.info.version, hash: region.hash }],
    sources,
  };
}

/**
 * Loads a region and the chain of baselines it extends (jeugdwet → spic → amsterdam-amstelland), and
 * merges them from the most general down.
 */
export function loadRegion(id: string, root = regionsRoot()): RegionModel {
  const chain = [loadLayer(id, root)];
  for (let layer = chain[0]; layer?.info.extends;) {
    const baseId: string = layer.info.extends;
    if (chain.some((l) => l.info.id === baseId)) {
      throw new ModelLoadError(id, [
        { message: `kring in 'extends': ${[...chain.map((l) => l.info.id), baseId].join(" → ")}` },
      ]);
    }
    const base = loadLayer(baseId, root);
    if (base.info.kind !== "baseline") {
      throw new ModelLoadError(id, [{ message: `'${baseId}' is geen basismodel (kind: baseline)` }]);
    }
    chain.push(base);
    layer = base;
  }
  chain.reverse();
  let model: RegionModel | undefined;
  for (const layer of chain) model = mergeLayers(model, layer);
  return model as RegionModel;
}

export interface RegionMatch {
  id: string;
  name: string;
  /** Set when the municipality buys only these segments through the region. */
  segments?: string[];
}

/**
 * The region a municipality belongs to on a date, by CBS code: regions with their own municipality list
 * only (the national baseline covers everyone). Two regions that both claim the whole municipality on
 * one date is a tie, and an error: the woonplaatsbeginsel needs one answer.
 */
export function regionForMunicipality(
  cbs: string,
  date: string,
  root = regionsRoot(),
  // A long-running process (the HTTP API) passes its cache; every call reads the files otherwise.
  load: (id: string) => RegionModel = (id) => loadRegion(id, root),
): RegionMatch {
  const matches: RegionMatch[] = [];
  for (const id of listRegionIds(root)) {
    const model = load(id);
    if (model.info.kind !== "region" || model.municipalitiesFrom !== id) continue;
    const m = model.municipalities.find(
      (x) => x.cbs === cbs && (!x.from || x.from <= date) && (!x.to || date <= x.to),
    );
    if (m) matches.push({ id, name: model.info.name, ...(m.segments ? { segments: m.segments } : {}) });
  }
  const full = matches.filter((m) => !m.segments);
  if (full.length > 1) {
    throw new ModelLoadError(cbs, [
      {
        message: `gelijkspel: gemeente ${cbs} hoort op ${date} bij meer dan één regio (${full.map((m) => m.id).join(", ")})`,
      },
    ]);
  }
  const match = full[0] ?? matches[0];
  if (!match) throw new RegionNotFoundError(cbs, date);
  return match;
}

export class RegionNotFoundError extends Error {
  constructor(
    readonly cbs: string,
    readonly date: string,
  ) {
    super(
      `Geen regio bekend voor gemeente ${cbs} op ${date}. Bekende regio's: ${listRegionIds().join(", ")}`,
    );
    this.name = "RegionNotFoundError";
  }
}

/** A region model's identity as lists show it (CLI and API alike). */
export function regionSummary(id: string, m: RegionModel) {
  return {
    id,
    name: m.info.name,
    kind: m.info.kind,
    version: m.info.version,
    validFrom: m.info.validFrom ?? null,
    validTo: m.info.validTo ?? null,
    extends: m.info.extends ?? null,
    segments: m.segments.map((s) => s.id),
  };
}
