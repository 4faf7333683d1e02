import type { Advice } from "../../src/domain/advice.ts";
import type { CaseFacts } from "../../src/domain/case.ts";
import { ageOn, type IsoDate, today, within } from "../../src/domain/dates.ts";
import { isFactTest } from "../../src/rules/conditions.ts";
import { factInfo } from "../../src/rules/facts.ts";
import type { LoadedDecision, RegionModel } from "../../src/rules/load.ts";
import {
  type Condition,
  type Expr,
  type FactTest,
  type OperatorName,
  operatorKeys,
} from "../../src/rules/model-schema.ts";

/**
 * The advice benchmark (issue 9, item 1) sets our engine against json-rules-engine, zen-engine and a
 * straight-line function. Those evaluate decision tables; they do not know our three-valued logic, our
 * layers or the engine's steps between the tables. This file is what every peer shares:
 *
 * - the region's decisions as two-valued formulas ("this row is definitely true"), which the
 *   translators turn into each peer's format;
 * - the input a peer gets (the case, the facts the engine derives, the parameters in force on the date);
 * - the glue between the two stages (which segments stand after validity, supersedes and partial
 *   membership; the facts route, coordination and warnings see), written once, the engine's steps read
 *   plainly;
 * - the outcome that is compared, taken from our advice the same way.
 *
 * Stage A: eligibility, segment, profile and intensity decisions (none of them sees `segments`).
 * Stage B: route, coordination and warning decisions (they see the advised segments).
 * `criterion` decisions judge providers, not cases: they are not part of the advice and not compared.
 */

export type Scalar = string | number | boolean;

/**
 * One fact test with a polarity. `negated: false` holds when the engine would call the test true;
 * `negated: true` when it would call it false. Neither holds when the engine calls it unknown (a fact
 * or a threshold without a value), which is how three-valued logic maps to two: a row applies only when
 * it is definitely true, and `not` becomes "definitely false" pushed down to the tests (De Morgan).
 */
export interface Atom {
  kind: "atom";
  fact: string;
  /** The fact's shape, from the fact catalogue (or "number" for a derived fact). */
  shape: "scalar" | "set" | "number";
  op: OperatorName;
  value: Scalar | Scalar[] | Expr | boolean;
  negated: boolean;
}

export type Formula = Atom | { kind: "and"; parts: Formula[] } | { kind: "or"; parts: Formula[] };

export interface PlannedRule {
  id: string;
  /** Row order within the decision. */
  index: number;
  when: Formula;
  /** Validity as yyyymmdd numbers, so every peer compares plain numbers. */
  validFrom?: number;
  validTo?: number;
}

export interface PlannedDecision {
  id: string;
  kind: LoadedDecision["kind"];
  hitPolicy: LoadedDecision["hitPolicy"];
  rules: PlannedRule[];
}

export interface RegionPlan {
  model: RegionModel;
  stageA: PlannedDecision[];
  stageB: PlannedDecision[];
  /** Derived facts the formulas use, with their expressions (peers compute them themselves). */
  derived: Record<string, Expr>;
  /** Why decisions (or the whole region) could not be translated faithfully; empty when all could. */
  excluded: string[];
}

/** A decision → the rows that applied, in row order. */
export type StageHits = Record<string, string[]>;

/** What a peer is given: the case's facts, the engine's facts, the parameters and the date. */
export interface PeerInput {
  [fact: string]: unknown;
  params: Record<string, Scalar>;
  asOfDay: number;
}

export interface StageRunner {
  readonly name: string;
  stageA(input: PeerInput): Promise<StageHits> | StageHits;
  stageB(input: PeerInput): Promise<StageHits> | StageHits;
}

/** The compared part of an advice. */
export interface Outcome {
  modelValid: boolean;
  refused: boolean;
  eligibilityCode: string | null;
  /** "id", "id:profile", "id:profile:intensity", sorted (one per advised segment entry). */
  segments: string[];
  route: string | null;
  /** "coordinator|level", in order. */
  coordination: string[];
  /** Per decision that ran: the rows that applied. */
  fired: StageHits;
}

export class Untranslatable extends Error {}

const STAGE_A = new Set(["eligibility", "segment", "profile", "intensity"]);
const STAGE_B = new Set(["route", "coordination", "warning"]);
/** Engine facts a stage-A decision would see differently in a peer (set mid-stage by the engine). */
const UNSUPPORTED_FACTS = new Set(["eligible"]);

export const dayNumber = (iso: IsoDate): number => Number(iso.replaceAll("-", ""));

function shapeOf(fact: string, model: RegionModel): Atom["shape"] {
  if (model.derived[fact]) return "number";
  const type = factInfo(fact)?.type.kind;
  if (type === undefined) throw new Untranslatable(`fact '${fact}' is not in the fact catalogue`);
  if (type === "set") return "set";
  if (type === "number") return "number";
  if (type === "date") throw new Untranslatable(`fact '${fact}' is a date; no rule tests one`);
  return "scalar";
}

function atomOf(test: FactTest, negated: boolean, model: RegionModel): Atom {
  if (UNSUPPORTED_FACTS.has(test.fact))
    throw new Untranslatable(`fact '${test.fact}' is set by the engine between decisions of one stage`);
  const op = operatorKeys(test)[0] as OperatorName;
  const value = test[op] as Atom["value"];
  const shape = shapeOf(test.fact, model);
  const numericOp = op === "atLeast" || op === "above" || op === "atMost" || op === "below";
  if (numericOp && shape !== "number")
    throw new Untranslatable(`a numeric test on '${test.fact}', which is not a number`);
  if ((op === "in" || op === "notIn") && shape === "set")
    throw new Untranslatable(`${op} on the set '${test.fact}' (the engine compares the list itself)`);
  if (op.startsWith("includes") && shape === "number")
    throw new Untranslatable(`includes* on the number '${test.fact}'`);
  return { kind: "atom", fact: test.fact, shape, op, value, negated };
}

/** "Definitely true" (negated = false) or "definitely false" (negated = true) of a condition. */
function formulaOf(c: Condition, negated: boolean, model: RegionModel): Formula {
  if (isFactTest(c)) return atomOf(c, negated, model);
  if ("not" in c) return formulaOf(c.not, !negated, model);
  const parts = ("all" in c ? c.all : c.any).map((x) => formulaOf(x, negated, model));
  const conjunction = "all" in c !== negated;
  return { kind: conjunction ? "and" : "or", parts };
}

export function planRegion(model: RegionModel): RegionPlan {
  const excluded: string[] = [];
  const plan = (d: LoadedDecision): PlannedDecision | undefined => {
    try {
      return {
        id: d.id,
        kind: d.kind,
        hitPolicy: d.hitPolicy,
        rules: d.rules.map((r, index) => ({
          id: r.id,
          index,
          when: { kind: "and", parts: r.when.map((c) => formulaOf(c, false, model)) },
          ...(r.validFrom ? { validFrom: dayNumber(r.validFrom) } : {}),
          ...(r.validTo ? { validTo: dayNumber(r.validTo) } : {}),
        })),
      };
    } catch (e) {
      if (!(e instanceof Untranslatable)) throw e;
      excluded.push(`${d.id}: ${e.message}`);
      return undefined;
    }
  };
  const stageA = model.decisions.filter((d) => STAGE_A.has(d.kind)).map(plan);
  const stageB = model.decisions.filter((d) => STAGE_B.has(d.kind)).map(plan);
  const derived = Object.fromEntries(Object.entries(model.derived).map(([k, d]) => [k, d.expr]));
  return {
    model,
    stageA: stageA.filter((d): d is PlannedDecision => d !== undefined),
    stageB: stageB.filter((d): d is PlannedDecision => d !== undefined),
    derived,
    excluded,
  };
}

/** Every atom of a formula (for the fact columns of a table, and for tests). */
export function atomsOf(f: Formula): Atom[] {
  return f.kind === "atom" ? [f] : f.parts.flatMap(atomsOf);
}

/** The parameters in force on a date; a null (unknown) value is left out, as the engine treats it. */
export function paramsOn(model: RegionModel, asOf: IsoDate): Record<string, Scalar> {
  const out: Record<string, Scalar> = {};
  for (const [name, p] of Object.entries(model.parameters)) {
    const v = p.values.find((x) => within(asOf, x.from, x.to))?.value;
    if (v !== undefined && v !== null) out[name] = v;
  }
  return out;
}

/** The date the engine advises on: the same default as `advise`. */
export const asOfFor = (facts: CaseFacts, asOf?: IsoDate): IsoDate => asOf ?? facts.requestDate ?? today();

/** Stage A's input: the case plus the facts the engine derives before any decision runs. */
export function stageAInput(model: RegionModel, facts: CaseFacts, asOf: IsoDate): PeerInput {
  const referenceDate = facts.requestDate ?? asOf;
  const input: PeerInput = { ...facts, params: paramsOn(model, asOf), asOfDay: dayNumber(asOf) };
  if (facts.birthDate) input.age = ageOn(facts.birthDate, referenceDate);
  if (facts.municipality)
    input.inRegion = model.municipalities.some(
      (m) => m.cbs === facts.municipality && within(asOf, m.from, m.to),
    );
  const own = (region: string | undefined) => !region || region === model.info.id;
  if (facts.currentCare)
    input.currentSegments = facts.currentCare.filter((c) => own(c.region)).map((c) => c.segment);
  if (facts.siblings)
    input.siblingSegments = facts.siblings.filter((s) => own(s.region)).map((s) => s.segment);
  return input;
}

interface Advised {
  id: string;
  profile?: string;
  intensity?: string;
}

/**
 * The whole compared decision through one peer: stage A, the engine's steps between (read plainly from
 * src/rules/engine.ts), stage B. Every peer, the limit included, goes through this same function.
 */
export async function decideWith(
  plan: RegionPlan,
  runner: StageRunner,
  facts: CaseFacts,
  asOfOption?: IsoDate,
): Promise<Outcome> {
  const { model } = plan;
  const asOf = asOfFor(facts, asOfOption);
  const outcome: Outcome = {
    modelValid: within(asOf, model.info.validFrom, model.info.validTo),
    refused: false,
    eligibilityCode: null,
    segments: [],
    route: null,
    coordination: [],
    fired: {},
  };
  if (!outcome.modelValid) return { ...outcome, eligibilityCode: "MODEL_NIET_GELDIG" };
  const thenOf = (decision: string, rule: string) =>
    model.decisions.find((d) => d.id === decision)?.rules.find((r) => r.id === rule)?.then;
  const input = stageAInput(model, facts, asOf);
  const hitsA = await runner.stageA(input);
  const hitsOf = (d: PlannedDecision, hits: StageHits): string[] => {
    const all = hits[d.id] ?? [];
    if (d.hitPolicy === "first") return all.slice(0, 1);
    if (d.hitPolicy === "unique" && all.length > 1)
      throw new Error(`tie in unique decision '${d.id}': ${all.join(", ")}`);
    return all;
  };

  for (const d of plan.stageA.filter((x) => x.kind === "eligibility")) outcome.fired[d.id] = hitsOf(d, hitsA);
  // The first eligibility hit decides, as in the engine (eligible is set once).
  const firstElig = plan.stageA
    .filter((x) => x.kind === "eligibility")
    .map((d) => ({ d, hit: outcome.fired[d.id]?.[0] }))
    .find((x) => x.hit !== undefined);
  if (firstElig?.hit) {
    const then = thenOf(firstElig.d.id, firstElig.hit);
    outcome.refused = then?.eligible === false;
    outcome.eligibilityCode = then?.code ?? null;
  }

  // Segments: keyed by segment, or by segment and subsegment where a rule names one.
  const advised = new Map<string, Advised>();
  const segmentsById = new Map(model.segments.map((s) => [s.id, s]));
  if (!outcome.refused) {
    for (const d of plan.stageA.filter((x) => x.kind === "segment")) {
      const hits = hitsOf(d, hitsA);
      outcome.fired[d.id] = hits;
      for (const ruleId of hits) {
        const then = thenOf(d.id, ruleId);
        const seg = then?.segment ? segmentsById.get(then.segment) : undefined;
        if (!seg || !within(asOf, seg.validFrom, seg.validTo)) continue;
        const key = then?.subsegment
          ? `${seg.id}/${then.subsegment}`
          : ([...advised.keys()].find((k) => advised.get(k)?.id === seg.id) ?? seg.id);
        if (!advised.has(key)) advised.set(key, { id: seg.id });
      }
    }
  }
  const drop = (id: string): boolean => {
    let any = false;
    for (const [k, v] of advised)
      if (v.id === id) {
        advised.delete(k);
        any = true;
      }
    return any;
  };
  for (const id of new Set([...advised.values()].map((a) => a.id)))
    for (const sup of segmentsById.get(id)?.supersedes ?? []) drop(sup);
  const membership = facts.municipality
    ? model.municipalities.find((m) => m.cbs === facts.municipality && within(asOf, m.from, m.to))
    : undefined;
  if (membership?.segments)
    for (const id of new Set([...advised.values()].map((a) => a.id)))
      if (!membership.segments.includes(id)) drop(id);

  const segmentIds = [...new Set([...advised.values()].map((a) => a.id))];
  const inputB: PeerInput = { ...input, segments: segmentIds };
  if (facts.siblings) {
    const family = [...new Set([...segmentIds, ...((input.siblingSegments as string[] | undefined) ?? [])])];
    inputB.familySegments = family;
    inputB.familySegmentCount = family.length;
  }

  for (const kind of ["profile", "intensity"] as const) {
    const targets = [...advised.values()].filter((a) =>
      kind === "profile"
        ? (segmentsById.get(a.id)?.profiles.length ?? 0) > 0
        : (segmentsById.get(a.id)?.intensities.length ?? 0) > 0,
    );
    if (targets.length === 0) continue;
    for (const d of plan.stageA.filter((x) => x.kind === kind)) {
      const hits = hitsOf(d, hitsA);
      outcome.fired[d.id] = hits;
      const then = hits[0] ? thenOf(d.id, hits[0]) : undefined;
      if (!then) continue;
      for (const a of targets) {
        const seg = segmentsById.get(a.id);
        if (kind === "profile" && then.profile && seg?.profiles.some((p) => p.id === then.profile))
          a.profile ??= then.profile;
        if (kind === "intensity" && then.intensity && seg?.intensities.some((i) => i.id === then.intensity))
          a.intensity ??= then.intensity;
      }
    }
  }
  const own = (region: string | undefined) => !region || region === model.info.id;
  const running = facts.currentCare?.filter((c) => own(c.region));
  const profiled = [...advised.values()].filter((a) => a.profile);
  if (running && profiled.length > 0) {
    const inSegment = running.filter((c) => profiled.some((a) => a.id === c.segment));
    if (inSegment.length > 0 && inSegment.every((c) => c.profile !== undefined))
      inputB.currentSameProfile = inSegment.some((c) =>
        profiled.some((a) => a.id === c.segment && a.profile === c.profile),
      );
  }

  const hitsB = await runner.stageB(inputB);
  for (const d of plan.stageB) {
    if (outcome.refused && d.kind !== "warning") continue;
    const hits = hitsOf(d, hitsB);
    outcome.fired[d.id] = hits;
    if (d.kind === "route" && outcome.route === null && hits[0])
      outcome.route = thenOf(d.id, hits[0])?.route?.referTo ?? null;
    if (d.kind === "coordination")
      for (const h of hits) {
        const then = thenOf(d.id, h);
        outcome.coordination.push(`${then?.coordinator ?? ""}|${then?.level ?? "casus"}`);
      }
  }
  outcome.segments = [...advised.values()].map(segmentKey).sort();
  return outcome;
}

const segmentKey = (a: Advised) =>
  [a.id, a.profile, a.intensity].filter((x): x is string => x !== undefined).join(":");

/** The same outcome, read from our advice (and its trace) for the decisions the plan compares. */
export function outcomeOfAdvice(plan: RegionPlan, advice: Advice): Outcome {
  const compared = new Set([...plan.stageA, ...plan.stageB].map((d) => d.id));
  const fired: StageHits = {};
  for (const t of advice.trace) {
    if (!compared.has(t.decision)) continue;
    fired[t.decision] ??= [];
    if (t.applied) fired[t.decision]?.push(t.rule);
  }
  return {
    modelValid: advice.eligibility.code !== "MODEL_NIET_GELDIG",
    refused: advice.eligible === false,
    eligibilityCode: advice.eligibility.code ?? null,
    segments: advice.segments
      .map((s) => segmentKey({ id: s.id, profile: s.profile, intensity: s.intensity }))
      .sort(),
    route: advice.route?.referTo ?? null,
    coordination: advice.coordination.map((c) => `${c.coordinator}|${c.level}`),
    fired,
  };
}

/**
 * The engine's arithmetic without its explanation texts (src/rules/conditions.ts evalExpr): compound
 * results rounded to 9 decimals, a division by zero or a missing number gives no value. For peers that
 * compute derived facts and thresholds in JavaScript (json-rules-engine's dynamic facts).
 */
export function computeExpr(
  e: Expr,
  fact: (path: string) => unknown,
  param: (name: string) => unknown,
  derived: Record<string, Expr>,
): number | undefined {
  if (typeof e === "number") return e;
  if (typeof e === "string") {
    if (e.startsWith("$")) {
      const v = param(e.slice(1));
      return typeof v === "number" ? v : undefined;
    }
    const d = derived[e];
    if (d) return computeExpr(d, fact, param, derived);
    const v = fact(e);
    return typeof v === "number" ? v : undefined;
  }
  const parts = (
    "sum" in e ? e.sum : "multiply" in e ? e.multiply : "subtract" in e ? e.subtract : e.divide
  ).map((x) => computeExpr(x, fact, param, derived));
  if (parts.some((p) => p === undefined)) return undefined;
  const xs = parts as number[];
  const raw =
    "sum" in e
      ? xs.reduce((a, b) => a + b, 0)
      : "multiply" in e
        ? xs.reduce((a, b) => a * b, 1)
        : "subtract" in e
          ? (xs[0] ?? 0) - (xs[1] ?? 0)
          : xs[1] === 0
            ? Number.NaN
            : (xs[0] ?? 0) / (xs[1] ?? 0);
  const value = Math.round(raw * 1e9) / 1e9;
  return Number.isFinite(value) ? value : undefined;
}

/** The facts an expression reads (derived facts expanded). */
export function exprFacts(e: Expr, derived: Record<string, Expr>): string[] {
  if (typeof e === "number") return [];
  if (typeof e === "string") {
    if (e.startsWith("$")) return [];
    const d = derived[e];
    return d ? exprFacts(d, derived) : [e];
  }
  const parts = "sum" in e ? e.sum : "multiply" in e ? e.multiply : "subtract" in e ? e.subtract : e.divide;
  return parts.flatMap((p) => exprFacts(p, derived));
}
