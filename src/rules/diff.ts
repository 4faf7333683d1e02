import type { IsoDate } from "../domain/dates.ts";
import { canonicalJson } from "./engine.ts";
import type { LoadedDecision, LoadedRule, RegionModel } from "./load.ts";
import { describeOutput } from "./outputs.ts";
import { parameterEnv, ruleConditions } from "./rule-view.ts";

/**
 * What differs between two region models: segments, parameters (with their values) and the rules of
 * the decision tables, added, removed or changed. Pure and symmetric in shape: "a" is the model one
 * compares from, "b" the one compared with, so a rule only in b is "added". Works on any two loaded
 * models, so two versions of one region could be compared the same way once they can be loaded side by
 * side; today the models live in git with one version per folder, and the API compares regions only.
 *
 * Rules are matched on decision id + rule id, because those ids are what a model's test cases and the
 * advice's trace name. Conditions are compared as the model states them (the structure), not as text:
 * a threshold that points at a parameter is the same condition, and a changed value of that parameter
 * shows under the parameters.
 */

export interface RegionRef {
  id: string;
  name: string;
  version: string;
}

export interface SegmentBrief {
  id: string;
  name: string;
}

export interface SegmentChange {
  id: string;
  name: { a: string; b: string };
  /** The fields that differ, in Dutch (naam, financiering, producten, …). */
  fields: string[];
}

export interface ParameterValue {
  from: IsoDate;
  to?: IsoDate;
  value: number | string | boolean | null;
}

export interface ParameterBrief {
  name: string;
  description: string;
  unit?: string;
  values: ParameterValue[];
}

export interface ParameterChange {
  name: string;
  description: string;
  unit?: string;
  a: ParameterValue[];
  b: ParameterValue[];
}

export interface RuleBrief {
  decision: string;
  decisionTitle: string;
  rule: string;
  layer: string;
  conditions: string[];
  outcome: string;
}

export interface RuleChange {
  decision: string;
  decisionTitle: string;
  rule: string;
  /** What differs, in Dutch: voorwaarden, uitkomst, geldigheid, bron, uitleg, vervangt. */
  fields: string[];
  a: RuleBrief;
  b: RuleBrief;
}

export interface RegionDiff {
  a: RegionRef;
  b: RegionRef;
  /** The date whose parameter values fill in the thresholds in the conditions' text. */
  asOf: IsoDate;
  segments: { onlyInA: SegmentBrief[]; onlyInB: SegmentBrief[]; changed: SegmentChange[]; same: number };
  parameters: {
    onlyInA: ParameterBrief[];
    onlyInB: ParameterBrief[];
    changed: ParameterChange[];
    same: number;
  };
  rules: { removed: RuleBrief[]; added: RuleBrief[]; changed: RuleChange[]; same: number };
}

const SEGMENT_FIELDS: Record<string, string> = {
  name: "naam",
  description: "omschrijving",
  validFrom: "geldigheid",
  validTo: "geldigheid",
  subsegments: "subsegmenten",
  products: "producten",
  supersedes: "vervangt",
  financing: "financiering",
  duration: "duur",
  deadlines: "termijnen",
  profiles: "profielen",
  intensities: "intensiteiten",
  productCodes: "productcodes",
  purchaseAreas: "inkoopgebieden",
  provider: "aanbieder",
  source: "bron",
};

/** Fields that differ between two records, by canonical JSON, named through labels (unknown keys as is). */
function differingFields(
  a: Record<string, unknown>,
  b: Record<string, unknown>,
  labels: Record<string, string>,
  ignore: ReadonlySet<string>,
): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !ignore.has(k));
  const out = new Set<string>();
  for (const k of keys) if (canonicalJson(a[k]) !== canonicalJson(b[k])) out.add(labels[k] ?? k);
  return [...out];
}

const ORIGIN = new Set(["origin"]);

function diffSegments(a: RegionModel, b: RegionModel): RegionDiff["segments"] {
  const inB = new Map(b.segments.map((s) => [s.id, s]));
  const inA = new Set(a.segments.map((s) => s.id));
  const changed: SegmentChange[] = [];
  let same = 0;
  for (const s of a.segments) {
    const other = inB.get(s.id);
    if (!other) continue;
    const fields = differingFields(s, other, SEGMENT_FIELDS, ORIGIN);
    if (fields.length === 0) same++;
    else changed.push({ id: s.id, name: { a: s.name, b: other.name }, fields });
  }
  return {
    onlyInA: a.segments.filter((s) => !inB.has(s.id)).map((s) => ({ id: s.id, name: s.name })),
    onlyInB: b.segments.filter((s) => !inA.has(s.id)).map((s) => ({ id: s.id, name: s.name })),
    changed,
    same,
  };
}

type Parameter = RegionModel["parameters"][string];

const valuesOf = (p: Parameter): ParameterValue[] =>
  p.values.map((v) => ({ from: v.from, ...(v.to ? { to: v.to } : {}), value: v.value }));

const briefOf = (name: string, p: Parameter): ParameterBrief => ({
  name,
  description: p.description,
  ...(p.unit ? { unit: p.unit } : {}),
  values: valuesOf(p),
});

function diffParameters(a: RegionModel, b: RegionModel): RegionDiff["parameters"] {
  const names = (m: RegionModel) => Object.keys(m.parameters).sort();
  const changed: ParameterChange[] = [];
  let same = 0;
  for (const name of names(a)) {
    const pa = a.parameters[name];
    const pb = b.parameters[name];
    if (!pa || !pb) continue;
    // Values and unit decide; a reworded description or source alone is not a different number.
    if (canonicalJson([valuesOf(pa), pa.unit]) === canonicalJson([valuesOf(pb), pb.unit])) {
      same++;
      continue;
    }
    changed.push({
      name,
      description: pa.description,
      ...(pa.unit ? { unit: pa.unit } : {}),
      a: valuesOf(pa),
      b: valuesOf(pb),
    });
  }
  return {
    onlyInA: names(a)
      .filter((n) => !(n in b.parameters))
      .map((n) => briefOf(n, a.parameters[n] as Parameter)),
    onlyInB: names(b)
      .filter((n) => !(n in a.parameters))
      .map((n) => briefOf(n, b.parameters[n] as Parameter)),
    changed,
    same,
  };
}

const RULE_FIELDS: Record<string, string> = {
  when: "voorwaarden",
  then: "uitkomst",
  validFrom: "geldigheid",
  validTo: "geldigheid",
  source: "bron",
  explain: "uitleg",
  overrides: "vervangt",
  reason: "reden",
};
const RULE_IGNORE = new Set(["id", "origin", "layer", "overridden"]);

function diffRules(a: RegionModel, b: RegionModel, asOf: IsoDate): RegionDiff["rules"] {
  const envA = parameterEnv(a, asOf);
  const envB = parameterEnv(b, asOf);
  const brief = (d: LoadedDecision, r: LoadedRule, env: ReturnType<typeof parameterEnv>): RuleBrief => ({
    decision: d.id,
    decisionTitle: d.title,
    rule: r.id,
    layer: r.layer,
    conditions: ruleConditions(r, env),
    outcome: describeOutput(r.then),
  });
  const keyed = (m: RegionModel) => {
    const map = new Map<string, { d: LoadedDecision; r: LoadedRule }>();
    for (const d of m.decisions) for (const r of d.rules) map.set(`${d.id}/${r.id}`, { d, r });
    return map;
  };
  const ka = keyed(a);
  const kb = keyed(b);
  const removed: RuleBrief[] = [];
  const changed: RuleChange[] = [];
  let same = 0;
  for (const [key, { d, r }] of ka) {
    const other = kb.get(key);
    if (!other) {
      removed.push(brief(d, r, envA));
      continue;
    }
    const fields = differingFields(
      { ...r, explain: r.explain.trim() },
      { ...other.r, explain: other.r.explain.trim() },
      RULE_FIELDS,
      RULE_IGNORE,
    );
    if (fields.length === 0) same++;
    else
      changed.push({
        decision: d.id,
        decisionTitle: d.title,
        rule: r.id,
        fields,
        a: brief(d, r, envA),
        b: brief(other.d, other.r, envB),
      });
  }
  const added = [...kb].filter(([key]) => !ka.has(key)).map(([, { d, r }]) => brief(d, r, envB));
  return { removed, added, changed, same };
}

export function diffRegions(a: RegionModel, b: RegionModel, asOf: IsoDate): RegionDiff {
  const ref = (m: RegionModel): RegionRef => ({ id: m.info.id, name: m.info.name, version: m.info.version });
  return {
    a: ref(a),
    b: ref(b),
    asOf,
    segments: diffSegments(a, b),
    parameters: diffParameters(a, b),
    rules: diffRules(a, b, asOf),
  };
}
