import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type {
  Advice,
  AdvisedSegment,
  CitedSource,
  CriterionOutcome,
  PartnerAssessment,
  TraceEntry,
} from "../domain/advice.ts";
import type { ProviderFacts } from "../domain/provider.ts";
import type { CaseFacts } from "../domain/case.ts";
import { addPeriod, ageOn, describePeriod, type IsoDate, today, within } from "../domain/dates.ts";
import {
  type CompiledCondition,
  type CondResult,
  compileAll,
  describeCondition,
  type Env,
  evalExpr,
  exprRefs,
  type FactValue,
  formatValue,
  type Scalar,
} from "./conditions.ts";
import { factInfo, factLabel, questionFor } from "./facts.ts";
import { type LoadedDecision, type LoadedRule, ModelLoadError, type RegionModel } from "./load.ts";
import type { SourceRef, Then } from "./model-schema.ts";
import { outputKey } from "./outputs.ts";
import { referenceIssues } from "./references.ts";

export const ENGINE_VERSION: string = JSON.parse(
  readFileSync(join(import.meta.dirname, "..", "..", "package.json"), "utf8"),
).version;

/** Two rows of a unique-hit decision both apply: a defect of the model, never resolved by picking one. */
export class RuleTieError extends Error {
  constructor(
    readonly decision: string,
    readonly rules: string[],
  ) {
    super(
      `Gelijkspel in beslissing '${decision}': de regels ${rules.join(" en ")} zijn allebei van toepassing`,
    );
    this.name = "RuleTieError";
  }
}

interface CompiledRule {
  rule: LoadedRule;
  cond: CompiledCondition;
}
interface CompiledDecision {
  decision: LoadedDecision;
  rules: CompiledRule[];
}

interface RuleOutcome {
  entry: TraceEntry;
  rule: LoadedRule;
  result?: CondResult;
}

interface DecisionOutcome {
  hits: LoadedRule[];
  entries: TraceEntry[];
  missing: Map<string, Set<string>>;
}

export interface AdviseOptions {
  asOf?: IsoDate;
}

export interface CompiledRegion {
  model: RegionModel;
  /**
   * Runs the decisions of one kind on facts the caller knows already (e.g. the registry's view of a
   * family: `familySegments`), and returns what applied, with the trace.
   */
  decide(
    kind: LoadedDecision["kind"],
    facts: Record<string, FactValue>,
    options?: AdviseOptions,
  ): { hits: { then: Then; explanation: string; source: CitedSource | null }[]; trace: TraceEntry[] };
  advise(facts: CaseFacts, options?: AdviseOptions): Advice;
  /** Judges a provider against the region's `criterion` decisions (e.g. strategic partners). */
  assessProvider(provider: ProviderFacts, options?: AdviseOptions): PartnerAssessment;
}

const numericOps = new Set(["atLeast", "above", "atMost", "below"]);
const negatedOp: Record<string, string> = {
  atLeast: "minder dan",
  above: "ten hoogste",
  atMost: "meer dan",
  below: "ten minste",
};

export function compileRegion(model: RegionModel): CompiledRegion {
  const refIssues = referenceIssues(model);
  if (refIssues.length > 0) throw new ModelLoadError(model.info.id, refIssues);

  const decisions: CompiledDecision[] = model.decisions.map((d) => ({
    decision: d,
    rules: d.rules.map((rule) => ({ rule, cond: compileAll(rule.when) })),
  }));
  const byKind = (kind: LoadedDecision["kind"]) => decisions.filter((d) => d.decision.kind === kind);
  const sourceDocs = new Map(model.sources.map((s) => [s.id, s]));
  const cite = (ref: SourceRef | undefined): CitedSource | null => {
    if (!ref) return null;
    const doc = sourceDocs.get(ref.doc);
    return {
      doc: ref.doc,
      title: doc?.title ?? ref.doc,
      ...(doc?.file ? { file: doc.file } : {}),
      ...(doc?.url ? { url: doc.url } : {}),
      ...(ref.section ? { section: ref.section } : {}),
      ...(ref.quote ? { quote: ref.quote } : {}),
    };
  };
  const segmentsById = new Map(model.segments.map((s) => [s.id, s]));
  const segmentRuleTargets = new Map(
    model.decisions.flatMap((d) =>
      d.rules.filter((r) => r.then.segment).map((r) => [`${d.id}/${r.id}`, r.then.segment]),
    ),
  );
  const derivedNames = new Set(Object.keys(model.derived));

  /** What an answer needs to be replayed: engine, model (per layer) and the date and input it used. */
  const receiptFor = (asOf: IsoDate, input: unknown): Advice["receipt"] => ({
    engine: "wegwijzer",
    engineVersion: ENGINE_VERSION,
    region: model.info.id,
    modelVersion: model.info.version,
    modelHash: model.hash,
    layers: model.layers,
    asOf,
    caseHash: createHash("sha256").update(canonicalJson(input)).digest("hex"),
  });

  /**
   * One evaluation: the facts (a case, or a provider's facts), the date, and the machinery that runs
   * decisions over them and records the trace, the questions and the parameters used.
   */
  function session(input: object, asOf: IsoDate, engineFacts: Map<string, FactValue>) {
    const facts = input;
    const trace: TraceEntry[] = [];
    const missing = new Map<string, Set<string>>();
    const usedParams = new Set<string>();

    const param = (name: string): Scalar | undefined => {
      const p = model.parameters[name];
      const v = p?.values.find((x) => within(asOf, x.from, x.to));
      return v?.value ?? undefined;
    };

    const env: Env = {
      param: (name) => {
        usedParams.add(name);
        return param(name);
      },
      fact: (path) => {
        if (engineFacts.has(path)) return engineFacts.get(path);
        const d = model.derived[path];
        if (d) {
          return evalExpr(d.expr, env).value;
        }
        let cur: unknown = facts;
        for (const key of path.split(".")) {
          if (cur === null || typeof cur !== "object") return undefined;
          cur = (cur as Record<string, unknown>)[key];
        }
        return cur as FactValue;
      },
    };

    /** Unknown facts in terms of what a professional can answer. */
    const inputsOf = (fact: string): string[] => {
      if (derivedNames.has(fact)) {
        const d = model.derived[fact];
        return d
          ? exprRefs(d.expr)
              .facts.filter((f) => env.fact(f) === undefined)
              .flatMap(inputsOf)
          : [];
      }
      const info = factInfo(fact);
      if (info?.derivedFrom) return info.derivedFrom;
      return [fact];
    };
    const addMissing = (into: Map<string, Set<string>>, facts_: Iterable<string>, ruleId: string) => {
      for (const f of facts_) {
        if (f === "segments") continue; // an output of the engine, not a question
        for (const input of inputsOf(f)) {
          if (!into.has(input)) into.set(input, new Set());
          into.get(input)?.add(ruleId);
        }
      }
    };

    const render = (template: string): string =>
      template.replace(/\{(\$?[a-zA-Z0-9.-]+)\}/g, (_m, key: string) =>
        key.startsWith("$") ? formatValue(env.param(key.slice(1))) : formatValue(env.fact(key)),
      );

    const summary = (then: Then): string => {
      if (then.segment) return `${segmentsById.get(then.segment)?.name ?? then.segment}`;
      if (then.eligible === false) return `Geen jeugdhulp via deze regio (${then.code ?? "uitgesloten"})`;
      if (then.profile) return `Profiel ${then.profile}`;
      if (then.intensity) return `Intensiteit ${then.intensity}`;
      if (then.route) return `De route via ${then.route.referTo}`;
      if (then.coordinator) return `Coördinatie door ${then.coordinator}`;
      if (then.scope) return `Criterium ${then.code ?? ""}`.trim();
      if (then.code) return `Waarschuwing ${then.code}`;
      return "Deze regel";
    };

    const evalRule = (cd: CompiledDecision, cr: CompiledRule): RuleOutcome => {
      const { rule } = cr;
      const base = {
        decision: cd.decision.id,
        decisionTitle: cd.decision.title,
        rule: rule.id,
        layer: rule.layer,
        source: cite(rule.source),
        origin: `${rule.origin.file}:${rule.origin.line}`,
        ...(rule.overridden
          ? {
              overrides: {
                rule: rule.overridden.rule.id,
                layer: rule.overridden.layer,
                reason: rule.reason ?? "",
              },
            }
          : {}),
      };
      if (!within(asOf, rule.validFrom, rule.validTo)) {
        const period = `${rule.validFrom ?? "…"} t/m ${rule.validTo ?? "…"}`;
        return {
          rule,
          entry: {
            ...base,
            applied: false,
            status: "niet-geldig",
            explanation: `Deze regel geldt van ${period} en niet op ${asOf}.`,
            conditions: [],
          },
        };
      }
      const result = cr.cond(env);
      const conditions = result.tests.map((t) => ({
        text: t.text,
        fact: t.fact,
        actual: t.actual,
        expected: t.expected,
        result:
          t.value === true
            ? ("waar" as const)
            : t.value === false
              ? ("onwaar" as const)
              : ("onbekend" as const),
      }));
      // Only the tests that made this outcome: a local choice that decided nothing is not worth showing.
      const deciding =
        result.value === true
          ? result.tests
          : result.value === false
            ? result.tests.filter((t) => t === result.decisive)
            : result.tests.filter((t) => t.value === undefined);
      const localChoices = [
        ...new Set([
          ...deciding.flatMap((t) => t.params).filter((p) => model.parameters[p]?.localChoice),
          ...deciding.map((t) => t.fact).filter((f) => model.derived[f]?.localChoice),
        ]),
      ];
      const ruleText = `${summary(rule.then)} als ${rule.when.map((c) => describeCondition(c, env)).join(" en ") || "altijd"}.`;
      let explanation = render(rule.explain);
      if (result.value === false && result.decisive) {
        explanation = `Niet van toepassing, want niet waar is: ${result.decisive.text} (hier: ${formatValue(result.decisive.actual)}). De regel: ${ruleText}`;
      } else if (result.value === undefined) {
        const unknown = [
          ...new Set(
            result.tests
              .filter((t) => t.value === undefined && t.actual === undefined)
              .map((t) => factLabel(t.fact)),
          ),
          ...[...result.missingParams].map((p) => `de waarde van parameter '${p}' (niet bekend in de bron)`),
        ];
        explanation = `Nog niet te beoordelen: onbekend is ${unknown.join(", ")}. De regel: ${ruleText}`;
      }
      const entry: TraceEntry = {
        ...base,
        ...(result.value === undefined && result.missingParams.size > 0
          ? { unknownParameters: [...result.missingParams] }
          : {}),
        applied: false,
        status:
          result.value === true ? "toegepast" : result.value === false ? "niet-van-toepassing" : "onbekend",
        explanation,
        ruleText,
        conditions,
        ...(localChoices.length > 0 ? { localChoices } : {}),
      };
      if (result.decisive) {
        entry.decidingCondition = `${result.decisive.text} — hier: ${formatValue(result.decisive.actual)}`;
      }
      // At a numeric threshold, say what would change this rule's outcome.
      const numeric = result.tests.filter((t) => numericOps.has(t.op) && t.value !== undefined);
      const failing = result.tests.filter((t) => t.value !== true);
      if (
        result.value === false &&
        failing.length > 0 &&
        failing.every((t) => numericOps.has(t.op) && t.value === false)
      ) {
        entry.counterfactual = `${summary(rule.then)} zou gelden als ${failing.map((t) => t.text).join(" en ")} (nu ${failing.map((t) => formatValue(t.actual)).join(", ")}).`;
      } else if (result.value === true && numeric.length === 1 && numeric[0]) {
        const t = numeric[0];
        entry.counterfactual = `${summary(rule.then)} zou niet gelden bij ${negatedOp[t.op]} ${formatValue(t.expected)} (${t.params.join(", ") || "grens"}); nu ${formatValue(t.actual)}.`;
      }
      return { rule, entry, result };
    };

    const runDecision = (cd: CompiledDecision): DecisionOutcome => {
      const outcomes = cd.rules.map((cr) => evalRule(cd, cr));
      const hits: LoadedRule[] = [];
      const decisionMissing = new Map<string, Set<string>>();
      const policy = cd.decision.hitPolicy;
      if (policy === "first") {
        const undecidedBefore: RuleOutcome[] = [];
        for (const o of outcomes) {
          if (!o.result) continue;
          if (hits.length > 0) {
            // A row after the first hit cannot change the outcome: no "what would change" for it.
            delete o.entry.counterfactual;
            delete o.entry.localChoices;
            if (o.result.value === true) {
              o.entry.status = "overschaduwd";
              o.entry.explanation += ` (Niet gebruikt: regel '${hits[0]?.id}' ging voor.)`;
            }
            continue;
          }
          if (o.result.value === true) hits.push(o.rule);
          else if (o.result.value === undefined) undecidedBefore.push(o);
        }
        // An earlier unknown row can change the outcome only if it would give a different one.
        const winner = hits[0] ? outputKey(hits[0].then) : undefined;
        for (const o of undecidedBefore) {
          if (o.result && outputKey(o.rule.then) !== winner) {
            addMissing(decisionMissing, o.result.missing, o.rule.id);
          }
        }
      } else {
        for (const o of outcomes) if (o.result?.value === true) hits.push(o.rule);
        if (policy === "unique" && hits.length > 1)
          throw new RuleTieError(
            cd.decision.id,
            hits.map((h) => h.id),
          );
        const produced = new Set(hits.map((h) => outputKey(h.then)));
        for (const o of outcomes) {
          if (o.result?.value === undefined && o.result && !produced.has(outputKey(o.rule.then))) {
            addMissing(decisionMissing, o.result.missing, o.rule.id);
          }
        }
      }
      for (const h of hits) {
        const e = outcomes.find((o) => o.rule === h)?.entry;
        if (e) e.applied = true;
      }
      return { hits, entries: outcomes.map((o) => o.entry), missing: decisionMissing };
    };

    const mergeMissing = (m: Map<string, Set<string>>) => {
      for (const [k, v] of m) {
        if (!missing.has(k)) missing.set(k, new Set());
        for (const r of v) missing.get(k)?.add(r);
      }
    };

    return { trace, missing, usedParams, param, env, render, runDecision, mergeMissing, addMissing };
  }

  function advise(facts: CaseFacts, options: AdviseOptions = {}): Advice {
    const asOf = options.asOf ?? facts.requestDate ?? today();
    const referenceDate = facts.requestDate ?? asOf;
    const membership = facts.municipality
      ? model.municipalities.find((m) => m.cbs === facts.municipality && within(asOf, m.from, m.to))
      : undefined;
    const engineFacts = new Map<string, FactValue>();
    if (facts.birthDate) engineFacts.set("age", ageOn(facts.birthDate, referenceDate));
    if (facts.municipality) engineFacts.set("inRegion", membership !== undefined);
    if (facts.currentCare) {
      engineFacts.set(
        "currentSegments",
        facts.currentCare.filter((c) => !c.region || c.region === model.info.id).map((c) => c.segment),
      );
    }
    if (facts.siblings) {
      engineFacts.set(
        "siblingSegments",
        facts.siblings.filter((s) => !s.region || s.region === model.info.id).map((s) => s.segment),
      );
    }

    const { trace, missing, usedParams, param, env, render, runDecision, mergeMissing, addMissing } = session(
      facts,
      asOf,
      engineFacts,
    );

    const advice: Advice = {
      region: { id: model.info.id, name: model.info.name },
      asOf,
      referenceDate,
      eligible: null,
      eligibility: { reason: "", source: null },
      complete: false,
      segments: [],
      whyNot: [],
      route: null,
      coordination: [],
      duration: [],
      financing: [],
      deadlines: [],
      warnings: [],
      missing: [],
      whatWouldChange: [],
      localChoices: [],
      unknownParameters: [],
      trace,
      receipt: receiptFor(asOf, facts),
    };

    if (model.info.kind === "region" && model.municipalitiesFrom !== model.info.id && facts.municipality) {
      advice.warnings.push({
        code: "GEMEENTEN_NIET_IN_BRON",
        severity: "let-op",
        message: `De bronnen van ${model.info.name} noemen geen gemeenten. Wegwijzer gebruikt de landelijke lijst van '${model.municipalitiesFrom}' en kan niet controleren of gemeente ${facts.municipality} bij deze regio hoort.`,
        source: null,
      });
    }
    if (!within(asOf, model.info.validFrom, model.info.validTo)) {
      advice.eligibility = {
        reason: `Het regiomodel '${model.info.name}' (versie ${model.info.version}) geldt van ${model.info.validFrom ?? "…"} tot ${model.info.validTo ?? "…"}, niet op ${asOf}. Er is geen advies mogelijk.`,
        code: "MODEL_NIET_GELDIG",
        source: null,
      };
      advice.warnings.push({
        code: "MODEL_NIET_GELDIG",
        severity: "belangrijk",
        message: advice.eligibility.reason,
        source: null,
      });
      return advice;
    }

    // 1. Eligibility: is this youth care under the Jeugdwet, through this region?
    let eligibilityUndecided = false;
    for (const cd of byKind("eligibility")) {
      const out = runDecision(cd);
      trace.push(...out.entries);
      const hit = out.hits[0];
      if (hit && advice.eligible === null) {
        advice.eligible = hit.then.eligible ?? true;
        advice.eligibility = {
          reason: render(hit.explain),
          ...(hit.then.code ? { code: hit.then.code } : {}),
          source: cite(hit.source),
        };
      }
      if (!hit && out.missing.size > 0) eligibilityUndecided = true;
      if (advice.eligible !== false) mergeMissing(out.missing);
    }
    if (advice.eligible === null && !eligibilityUndecided) {
      advice.eligible = true;
      advice.eligibility = {
        reason: "Er is geen reden gevonden waarom deze hulp niet onder de Jeugdwet en deze regio valt.",
        source: null,
      };
    } else if (advice.eligible === null) {
      advice.eligibility = {
        reason:
          "Nog niet te bepalen of deze hulp onder de Jeugdwet en deze regio valt: beantwoord de open vragen.",
        source: null,
      };
    }

    if (advice.eligible !== null) engineFacts.set("eligible", advice.eligible);

    // 2. Segments (only when the request can be youth care here at all).
    const segmentHits: LoadedRule[] = [];
    if (advice.eligible !== false) {
      for (const cd of byKind("segment")) {
        const out = runDecision(cd);
        trace.push(...out.entries);
        segmentHits.push(...out.hits);
        mergeMissing(out.missing);
      }
    }
    const requested = new Set(facts.requestedCare ?? []);
    // One entry per segment, or per segment and subsegment where a rule indicates at subsegment level
    // (two indications in one segment, such as IAJ Ondersteuning and IAJ Behandeling).
    const advised = new Map<string, AdvisedSegment>();
    for (const hit of segmentHits) {
      const seg = hit.then.segment ? segmentsById.get(hit.then.segment) : undefined;
      if (!seg) continue;
      if (!within(asOf, seg.validFrom, seg.validTo)) {
        advice.warnings.push({
          code: "SEGMENT_NIET_GELDIG",
          severity: "belangrijk",
          message: `Regel '${hit.id}' wijst naar ${seg.name}, maar dat segment geldt niet op ${asOf}.`,
          source: cite(seg.source),
        });
        continue;
      }
      const sub = hit.then.subsegment;
      const key = sub
        ? `${seg.id}/${sub}`
        : ([...advised.keys()].find((k) => advised.get(k)?.id === seg.id) ?? seg.id);
      const current = advised.get(key) ?? { id: seg.id, name: seg.name, products: [] };
      const productIds = new Set([
        ...current.products.map((p) => p.id),
        ...(hit.then.products ?? []),
        ...seg.products
          .filter((p) => !sub || !p.subsegment || p.subsegment === sub)
          .filter((p) => p.careForms.some((cf) => requested.has(cf as never)))
          .map((p) => p.id),
      ]);
      current.products = seg.products
        .filter((p) => productIds.has(p.id))
        .map((p) => ({ id: p.id, name: p.name, ...(p.ijw ? { ijw: p.ijw } : {}) }));
      const subsegment =
        sub ??
        current.subsegment ??
        (() => {
          const subs = new Set(
            seg.products.filter((p) => productIds.has(p.id) && p.subsegment).map((p) => p.subsegment),
          );
          return subs.size === 1 ? [...subs][0] : undefined;
        })();
      if (subsegment) {
        current.subsegment = subsegment;
        const name = seg.subsegments.find((x) => x.id === subsegment)?.name;
        if (name) current.subsegmentName = name;
      }
      const area = seg.purchaseAreas.find(
        (a) => facts.municipality && a.municipalities.includes(facts.municipality),
      );
      if (area) current.purchaseArea = { id: area.id, name: area.name };
      if (seg.provider) current.provider = seg.provider;
      advised.set(key, current);
    }
    /** Segments a rule gave but the model then took away, with the reason. */
    const dropped = new Map<string, string>();
    const drop = (id: string): boolean => {
      let any = false;
      for (const [k, v] of advised) {
        if (v.id === id) {
          advised.delete(k);
          any = true;
        }
      }
      return any;
    };
    for (const seg of [...new Set([...advised.values()].map((a) => a.id))].map((id) =>
      segmentsById.get(id),
    )) {
      if (!seg) continue;
      for (const sup of seg.supersedes) {
        if (drop(sup)) {
          const message = `${segmentsById.get(sup)?.name ?? sup} vervalt: ${seg.supersedesReason ?? `${seg.name} gaat voor`}.`;
          dropped.set(sup, message);
          advice.warnings.push({
            code: "SEGMENT_VERVANGEN",
            severity: "info",
            message,
            source: cite(seg.source),
          });
        }
      }
    }
    if (membership?.segments) {
      for (const id of [...new Set([...advised.values()].map((a) => a.id))]) {
        if (!membership.segments.includes(id)) {
          drop(id);
          const message = `${membership.name} koopt ${segmentsById.get(id)?.name ?? id} niet via ${model.info.name} in. Vraag de gemeente zelf naar de route.`;
          dropped.set(id, message);
          advice.warnings.push({
            code: "SEGMENT_NIET_VIA_REGIO",
            severity: "belangrijk",
            message,
            source: cite(membership.source),
          });
        }
      }
    }
    advice.segments = [...advised.values()];
    engineFacts.set("segments", [...new Set(advice.segments.map((s) => s.id))]);
    if (facts.siblings) {
      const family = [
        ...new Set([
          ...advice.segments.map((s) => s.id),
          ...((engineFacts.get("siblingSegments") as string[]) ?? []),
        ]),
      ];
      engineFacts.set("familySegments", family);
      engineFacts.set("familySegmentCount", family.length);
    }
    if (advice.eligible !== false && advice.segments.length === 0) {
      advice.warnings.push({
        code: "GEEN_SEGMENT",
        severity: "belangrijk",
        message:
          missing.size > 0
            ? "Nog geen segment te bepalen: beantwoord eerst de open vragen."
            : "Geen segment past volgens de regels van deze regio. Bekijk in de uitleg waarom elk segment niet past, en overleg met de Toegang.",
        source: null,
      });
    }

    if (advice.eligible !== false) {
      for (const seg of model.segments) {
        if (advice.segments.some((a) => a.id === seg.id) || !within(asOf, seg.validFrom, seg.validTo))
          continue;
        const reasons = trace
          .filter(
            (t) => segmentRuleTargets.get(`${t.decision}/${t.rule}`) === seg.id && t.status !== "niet-geldig",
          )
          .map((t) =>
            t.status === "overschaduwd"
              ? `${t.rule}: ging niet voor, een eerdere regel gold`
              : `${t.rule}: ${t.explanation}`,
          );
        const why = dropped.get(seg.id);
        if (why) reasons.unshift(why);
        advice.whyNot.push({ segment: seg.id, name: seg.name, reasons });
      }
    }

    // 2b. Profile and intensity (SPIC), for the advised segments that have them.
    const withProfiles = advice.segments.filter((a) => (segmentsById.get(a.id)?.profiles.length ?? 0) > 0);
    const withIntensities = advice.segments.filter(
      (a) => (segmentsById.get(a.id)?.intensities.length ?? 0) > 0,
    );
    for (const [kind, targets] of [
      ["profile", withProfiles],
      ["intensity", withIntensities],
    ] as const) {
      if (targets.length === 0) continue;
      for (const cd of byKind(kind)) {
        const out = runDecision(cd);
        trace.push(...out.entries);
        mergeMissing(out.missing);
        const hit = out.hits[0];
        if (!hit) continue;
        for (const a of targets) {
          const seg = segmentsById.get(a.id);
          if (
            kind === "profile" &&
            hit.then.profile &&
            seg?.profiles.some((p) => p.id === hit.then.profile)
          ) {
            a.profile ??= hit.then.profile;
          }
          if (
            kind === "intensity" &&
            hit.then.intensity &&
            seg?.intensities.some((i) => i.id === hit.then.intensity)
          ) {
            a.intensity ??= hit.then.intensity;
          }
        }
      }
    }
    for (const a of advice.segments) {
      const seg = segmentsById.get(a.id);
      if (!seg || !a.profile || !a.intensity) continue;
      const combination = `${seg.id}-${a.profile}-${a.intensity}`;
      const row = seg.productCodes.find(
        (r) => r.profile === a.profile && r.intensity === a.intensity && within(asOf, r.validFrom, r.validTo),
      );
      const profileName = seg.profiles.find((p) => p.id === a.profile)?.name ?? a.profile;
      a.products.push({
        id: combination,
        name: `${seg.name}, profiel ${a.profile} (${profileName}), intensiteit ${a.intensity}`,
        ...(row ? { ijw: { code: row.code } } : {}),
      });
      if (!row) {
        advice.warnings.push({
          code: "PRODUCTCODE_ONBEKEND",
          severity: "info",
          message: `De iJw-productcode voor ${combination} is niet bekend: de regio vult die tabel zelf in. Wegwijzer verzint geen code.`,
          source: cite(seg.source),
        });
      }
    }

    // Running care in an advised segment: with the same profile as advised, or another one (stacking).
    const running = facts.currentCare?.filter((c) => !c.region || c.region === model.info.id);
    const profiled = advice.segments.filter((a) => a.profile);
    if (running && profiled.length > 0) {
      const inSegment = running.filter((c) => profiled.some((a) => a.id === c.segment));
      if (inSegment.length > 0 && inSegment.every((c) => c.profile !== undefined)) {
        engineFacts.set(
          "currentSameProfile",
          inSegment.some((c) => profiled.some((a) => a.id === c.segment && a.profile === c.profile)),
        );
      }
    }

    // 3. Route, coordination and warnings see the advised segments as facts.
    if (advice.eligible !== false) {
      for (const cd of byKind("route")) {
        const out = runDecision(cd);
        trace.push(...out.entries);
        const hit = out.hits[0];
        if (hit?.then.route && !advice.route)
          advice.route = { ...hit.then.route, because: render(hit.explain) };
        if (!advice.route) mergeMissing(out.missing);
      }
      for (const cd of byKind("coordination")) {
        const out = runDecision(cd);
        trace.push(...out.entries);
        for (const h of out.hits) {
          advice.coordination.push({
            coordinator: h.then.coordinator ?? "",
            level: h.then.level ?? "casus",
            because: render(h.explain),
          });
        }
        mergeMissing(out.missing);
      }
    }
    for (const cd of byKind("warning")) {
      const out = runDecision(cd);
      trace.push(...out.entries);
      mergeMissing(out.missing);
      for (const h of out.hits) {
        // A refusal that names products takes them out of the advice: a refused form is never advised.
        if (h.then.severity === "geweigerd" && h.then.products) {
          for (const a of advice.segments)
            a.products = a.products.filter((p) => !h.then.products?.includes(p.id));
        }
        advice.warnings.push({
          code: h.then.code ?? "",
          severity: h.then.severity ?? "info",
          message: render(h.then.message ?? h.explain),
          source: cite(h.source),
        });
      }
    }

    // 4. What follows from the segment definitions: duration, financing, deadlines.
    const seenSegments = new Set<string>();
    for (const s of advice.segments) {
      const seg = segmentsById.get(s.id);
      if (!seg) continue;
      // Segment-level duration, financing and deadlines once per segment, even with two indications in it.
      const first = !seenSegments.has(seg.id);
      seenSegments.add(seg.id);
      if (first)
        advice.duration.push({
          segment: seg.id,
          noEndDate: seg.duration.noEndDate,
          ...(seg.duration.max ? { max: seg.duration.max, maxText: describePeriod(seg.duration.max) } : {}),
          guideline: seg.duration.guideline,
          source: cite(seg.duration.source ?? seg.source),
        });
      for (const p of seg.products) {
        if (p.maxDuration && p.maxDuration !== seg.duration.max && s.products.some((x) => x.id === p.id)) {
          advice.duration.push({
            segment: seg.id,
            noEndDate: false,
            max: p.maxDuration,
            maxText: describePeriod(p.maxDuration),
            guideline: `${p.name}: maximaal ${describePeriod(p.maxDuration)}.`,
            source: cite(p.source ?? seg.source),
          });
        }
      }
      const intensity = seg.intensities.find((i) => i.id === s.intensity);
      if (intensity) {
        advice.duration.push({
          segment: seg.id,
          noEndDate: false,
          guideline: `${intensity.name}: ${intensity.guideline}`,
          source: cite(intensity.source ?? seg.source),
        });
      }
      const ceilingName = seg.financing.budgetCeiling?.replace(/^\$/, "");
      if (first || intensity?.payment)
        advice.financing.push({
          segment: seg.id,
          type: seg.financing.type,
          ...(seg.financing.unit ? { unit: seg.financing.unit } : {}),
          description: intensity?.payment
            ? `${seg.financing.description} ${intensity.payment}`
            : seg.financing.description,
          ...(ceilingName
            ? { budgetCeiling: { parameter: ceilingName, value: param(ceilingName) ?? null } }
            : {}),
          source: cite(seg.financing.source ?? seg.source),
        });
      for (const d of first ? seg.deadlines : []) {
        if (!facts.requestDate) {
          addMissing(missing, ["requestDate"], `${seg.id}/${d.id}`);
          continue;
        }
        advice.deadlines.push({
          id: d.id,
          segment: seg.id,
          label: d.label,
          from: facts.requestDate,
          period: d.period,
          due: addPeriod(facts.requestDate, d.period),
          ...(d.consequence ? { consequence: d.consequence } : {}),
          source: cite(d.source ?? seg.source),
        });
      }
    }

    advice.missing = [...missing.entries()].map(([fact, rules]) => ({
      fact,
      question: questionFor(fact),
      neededBy: [...rules],
    }));

    advice.whatWouldChange = [
      ...new Set(
        trace
          .filter((t) => t.counterfactual && (t.status === "toegepast" || t.status === "niet-van-toepassing"))
          .filter((t) => ["segment", "eligibility"].includes(decisionKindOf(t.decision)))
          .map((t) => t.counterfactual as string),
      ),
    ];
    const chosen = new Set(
      trace.filter((t) => t.status !== "overschaduwd").flatMap((t) => t.localChoices ?? []),
    );
    for (const name of chosen) {
      const p = model.parameters[name];
      const d = model.derived[name];
      const choice = p?.localChoice ?? d?.localChoice;
      if (!choice) continue;
      advice.localChoices.push({
        name,
        value: (p ? param(name) : env.fact(name)) ?? null,
        description: p?.description ?? d?.description ?? name,
        reason: choice.reason,
      });
    }
    for (const name of usedParams) {
      const p = model.parameters[name];
      // Unknown: the value in force is null, or no value is in force on this date at all.
      if (p && param(name) === undefined) {
        advice.unknownParameters.push({ name, description: p.description });
      }
    }
    advice.complete =
      advice.missing.length === 0 && advice.eligible !== null && advice.unknownParameters.length === 0;
    return advice;
  }

  function assessProvider(provider: ProviderFacts, options: AdviseOptions = {}): PartnerAssessment {
    const asOf = options.asOf ?? today();
    const { trace, missing, usedParams, param, render, runDecision, mergeMissing } = session(
      { provider },
      asOf,
      new Map(),
    );
    const criteria: CriterionOutcome[] = [];
    for (const cd of byKind("criterion")) {
      const out = runDecision(cd);
      trace.push(...out.entries);
      mergeMissing(out.missing);
      for (const e of out.entries) {
        if (e.status === "niet-geldig") continue;
        const rule = cd.rules.find((r) => r.rule.id === e.rule)?.rule;
        criteria.push({
          code: rule?.then.code ?? e.rule,
          rule: e.rule,
          scope: rule?.then.scope ?? "aanbieder",
          status:
            e.status === "toegepast" ? "voldoet" : e.status === "onbekend" ? "onbekend" : "voldoet-niet",
          message: rule?.then.message ? render(rule.then.message) : e.explanation,
          explanation: e.explanation,
          source: e.source,
        });
      }
    }
    const own = criteria.filter((c) => c.scope === "aanbieder");
    const verdict = own.some((c) => c.status === "voldoet-niet")
      ? "voldoet-niet"
      : own.some((c) => c.status === "onbekend")
        ? "onbekend"
        : "voldoet";
    const unknownParameters = [...usedParams]
      .filter((name) => model.parameters[name] && param(name) === undefined)
      .map((name) => ({ name, description: model.parameters[name]?.description ?? name }));
    return {
      region: { id: model.info.id, name: model.info.name },
      asOf,
      provider: {
        ...(provider.name ? { name: provider.name } : {}),
        ...(provider.agb ? { agb: provider.agb } : {}),
      },
      verdict,
      criteria,
      missing: [...missing.entries()].map(([fact, rules]) => ({
        fact,
        question: questionFor(fact),
        neededBy: [...rules],
      })),
      unknownParameters,
      trace,
      receipt: receiptFor(asOf, provider),
    };
  }

  function decide(
    kind: LoadedDecision["kind"],
    facts: Record<string, FactValue>,
    options: AdviseOptions = {},
  ): { hits: { then: Then; explanation: string; source: CitedSource | null }[]; trace: TraceEntry[] } {
    const asOf = options.asOf ?? today();
    const { trace, render, runDecision } = session({}, asOf, new Map(Object.entries(facts)));
    const hits: LoadedRule[] = [];
    for (const cd of byKind(kind)) {
      const out = runDecision(cd);
      trace.push(...out.entries);
      hits.push(...out.hits);
    }
    return {
      hits: hits.map((h) => ({ then: h.then, explanation: render(h.explain), source: cite(h.source) })),
      trace,
    };
  }

  const decisionKinds = new Map(model.decisions.map((d) => [d.id, d.kind]));
  const decisionKindOf = (id: string) => decisionKinds.get(id) ?? "";

  return { model, advise, assessProvider, decide };
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}
