import { type IsoDate, within } from "../domain/dates.ts";
import type { CaseRun } from "./cases.ts";
import { describeCondition, type Env } from "./conditions.ts";
import type { LoadedRule, RegionModel } from "./load.ts";
import type { SourceRef } from "./model-schema.ts";
import { describeOutput } from "./outputs.ts";

/**
 * A region's decision tables as a policy advisor reads them: every rule with its conditions in plain
 * Dutch, its outcome, its source (resolved to the document's title and file name) and the test cases
 * that exercise it. Pure: the caller runs the cases (runCases) and passes the date whose parameter
 * values fill in the thresholds, so "ten minste 300 (drempel-begeleiding)" shows the number in force.
 */

export interface CitedRuleSource {
  doc: string;
  title: string;
  file?: string;
  url?: string;
  section?: string;
  quote?: string;
}

export interface RuleView {
  id: string;
  /** The layer the rule is written in: the region itself or the baseline it builds on. */
  layer: string;
  /** The conditions in plain Dutch; empty when the rule always applies. */
  conditions: string[];
  outcome: string;
  explain: string;
  validFrom?: IsoDate;
  validTo?: IsoDate;
  /** The baseline rule this one replaces, with the reason the region gives. */
  overrides?: { rule: string; reason?: string };
  source?: CitedRuleSource;
  origin: string;
  /** Names and file:line of the test cases in which this rule applies (or is judged only for a lost threshold). */
  cases: { name: string; origin: string }[];
}

export interface DecisionView {
  id: string;
  kind: string;
  title: string;
  hitPolicy: "first" | "unique" | "collect";
  priorityReason?: string;
  rules: RuleView[];
}

/** A model's source reference with the document it names (title, file or url), or just the id when unknown. */
export function citeSource(model: RegionModel, ref: SourceRef): CitedRuleSource {
  const doc = model.sources.find((s) => s.id === ref.doc);
  return {
    doc: ref.doc,
    title: doc?.title ?? ref.doc,
    ...(doc?.file ? { file: doc.file } : {}),
    ...(doc?.url ? { url: doc.url } : {}),
    ...(ref.section ? { section: ref.section } : {}),
    ...(ref.quote ? { quote: ref.quote.trim() } : {}),
  };
}

/** An environment without facts, whose parameters are the values in force on a date. */
export function parameterEnv(model: RegionModel, asOf: IsoDate): Env {
  return {
    fact: () => undefined,
    param: (name) =>
      model.parameters[name]?.values.find((v) => within(asOf, v.from, v.to))?.value ?? undefined,
  };
}

/** The conditions of a rule in plain Dutch, one line per top-level condition (they all must hold). */
export function ruleConditions(rule: Pick<LoadedRule, "when">, env: Env): string[] {
  return rule.when.map((c) => describeCondition(c, env));
}

export function describeDecisions(
  model: RegionModel,
  runs: readonly CaseRun[],
  asOf: IsoDate,
): DecisionView[] {
  const env = parameterEnv(model, asOf);
  const casesByKey = new Map<string, { name: string; origin: string }[]>();
  for (const run of runs) {
    for (const key of new Set(run.coveredKeys)) {
      const list = casesByKey.get(key) ?? [];
      list.push({ name: run.name, origin: run.origin });
      casesByKey.set(key, list);
    }
  }
  return model.decisions.map((d) => ({
    id: d.id,
    kind: d.kind,
    title: d.title,
    hitPolicy: d.hitPolicy,
    ...(d.priorityReason ? { priorityReason: d.priorityReason.trim() } : {}),
    rules: d.rules.map((r): RuleView => ({
      id: r.id,
      layer: r.layer,
      conditions: ruleConditions(r, env),
      outcome: describeOutput(r.then),
      explain: r.explain.trim(),
      ...(r.validFrom ? { validFrom: r.validFrom } : {}),
      ...(r.validTo ? { validTo: r.validTo } : {}),
      ...(r.overrides ? { overrides: { rule: r.overrides, ...(r.reason ? { reason: r.reason } : {}) } } : {}),
      ...(r.source ? { source: citeSource(model, r.source) } : {}),
      origin: `${r.origin.file}:${r.origin.line}`,
      cases: casesByKey.get(`${d.id}/${r.id}`) ?? [],
    })),
  }));
}
