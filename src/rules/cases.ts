import type { Advice } from "../domain/advice.ts";
import { parseCase } from "../domain/case.ts";
import { parseProvider } from "../domain/provider.ts";
import type { CompiledRegion } from "./engine.ts";
import type { LoadedCase, LoadedPartnerCase } from "./load.ts";

/**
 * Runs the test cases that live beside a region's rules (regions/<id>/cases/*.yaml): facts in, the
 * expected parts of the advice out. Used by the test suite, the static checker (which rules no case
 * fires) and the mutation check.
 */

export interface CaseRun {
  name: string;
  origin: string;
  failures: string[];
  /** Rules that applied in this case. */
  fired: string[];
  /** The same, as "decision/rule". */
  firedKeys: string[];
  /**
   * "decision/rule" of rules this case exercises: applied, or judged unknown only because a parameter
   * has no known value (a threshold lost in the source can never make its rule apply).
   */
  coveredKeys: string[];
  advice?: Advice;
}

const sameSet = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

const coveredBy = (trace: Advice["trace"]): string[] =>
  trace
    .filter((t) => t.applied || (t.unknownParameters?.length ?? 0) > 0)
    .map((t) => `${t.decision}/${t.rule}`);

const newRun = (name: string, origin: { file: string; line: number }): CaseRun => ({
  name,
  origin: `${origin.file}:${origin.line}`,
  failures: [],
  fired: [],
  firedKeys: [],
  coveredKeys: [],
});

export function runCase(region: CompiledRegion, loaded: LoadedCase): CaseRun {
  const c = loaded.case;
  const run = newRun(c.name, loaded.origin);
  let advice: Advice;
  try {
    advice = region.advise(parseCase(c.facts), c.asOf ? { asOf: c.asOf } : {});
  } catch (e) {
    run.failures.push(`fout bij evalueren: ${(e as Error).message}`);
    return run;
  }
  run.advice = advice;
  run.fired = advice.trace.filter((t) => t.applied).map((t) => t.rule);
  run.firedKeys = advice.trace.filter((t) => t.applied).map((t) => `${t.decision}/${t.rule}`);
  run.coveredKeys = coveredBy(advice.trace);
  const x = c.expect;
  const fail = (what: string, expected: unknown, actual: unknown) =>
    run.failures.push(`${what}: verwacht ${JSON.stringify(expected)}, kreeg ${JSON.stringify(actual)}`);

  if (x.eligible !== undefined && advice.eligible !== x.eligible)
    fail("eligible", x.eligible, advice.eligible);
  if (x.eligibilityCode !== undefined && advice.eligibility.code !== x.eligibilityCode) {
    fail("eligibility.code", x.eligibilityCode, advice.eligibility.code ?? null);
  }
  for (const want of x.coordination ?? []) {
    if (
      !advice.coordination.some((co) => co.level === want.level && co.coordinator.includes(want.coordinator))
    ) {
      fail(
        "coördinatie",
        want,
        advice.coordination.map((co) => ({ coordinator: co.coordinator, level: co.level })),
      );
    }
  }
  const segIds = advice.segments.map((s) => s.id);
  if (x.segments && !sameSet(segIds, x.segments)) fail("segments", x.segments, segIds);
  const profiles = advice.segments.filter((s) => s.profile).map((s) => `${s.id}/${s.profile}`);
  if (x.profiles && !sameSet(profiles, x.profiles)) fail("profielen", x.profiles, profiles);
  const intensities = advice.segments.filter((s) => s.intensity).map((s) => `${s.id}/${s.intensity}`);
  if (x.intensities && !sameSet(intensities, x.intensities))
    fail("intensiteiten", x.intensities, intensities);
  const subs = advice.segments.map((s) => s.subsegment).filter((s): s is string => Boolean(s));
  if (x.subsegments && !sameSet(subs, x.subsegments)) fail("subsegments", x.subsegments, subs);
  const products = advice.segments.flatMap((s) => s.products.map((p) => p.id));
  if (x.products && !sameSet(products, x.products)) fail("products", x.products, products);
  if (x.routeTo !== undefined && !(advice.route?.referTo ?? "").includes(x.routeTo)) {
    fail("route.referTo bevat", x.routeTo, advice.route?.referTo ?? null);
  }
  if (x.coordinators) {
    for (const want of x.coordinators) {
      if (!advice.coordination.some((co) => co.coordinator.includes(want))) {
        fail(
          "coördinator",
          want,
          advice.coordination.map((co) => co.coordinator),
        );
      }
    }
  }
  const codes = advice.warnings.map((w) => w.code);
  for (const w of x.warnings ?? []) if (!codes.includes(w)) fail("waarschuwing", w, codes);
  for (const w of x.noWarnings ?? []) if (codes.includes(w)) fail("geen waarschuwing", w, codes);
  const missing = advice.missing.map((m) => m.fact);
  for (const m of x.missing ?? []) if (!missing.includes(m)) fail("open vraag", m, missing);
  if (x.complete !== undefined && advice.complete !== x.complete)
    fail("complete", x.complete, advice.complete);
  for (const r of x.fires ?? []) if (!run.fired.includes(r)) fail("regel toegepast", r, run.fired);
  for (const r of x.notFires ?? []) if (run.fired.includes(r)) fail("regel niet toegepast", r, run.fired);
  for (const [id, due] of Object.entries(x.deadlines ?? {})) {
    const got = advice.deadlines.find((d) => d.id === id)?.due;
    if (got !== due) fail(`termijn ${id}`, due, got ?? null);
  }
  if (x.purchaseArea !== undefined) {
    const got = advice.segments.find((s) => s.purchaseArea)?.purchaseArea?.id;
    if (got !== x.purchaseArea) fail("inkoopgebied", x.purchaseArea, got ?? null);
  }
  return run;
}

/** A partner-check case: a provider's facts against the region's criteria. */
export function runPartnerCase(region: CompiledRegion, loaded: LoadedPartnerCase): CaseRun {
  const c = loaded.case;
  const run = newRun(c.name, loaded.origin);
  let result: ReturnType<CompiledRegion["assessProvider"]>;
  try {
    result = region.assessProvider(parseProvider(c.provider), c.asOf ? { asOf: c.asOf } : {});
  } catch (e) {
    run.failures.push(`fout bij evalueren: ${(e as Error).message}`);
    return run;
  }
  run.fired = result.trace.filter((t) => t.applied).map((t) => t.rule);
  run.firedKeys = result.trace.filter((t) => t.applied).map((t) => `${t.decision}/${t.rule}`);
  run.coveredKeys = coveredBy(result.trace);
  const x = c.expect;
  const fail = (what: string, expected: unknown, actual: unknown) =>
    run.failures.push(`${what}: verwacht ${JSON.stringify(expected)}, kreeg ${JSON.stringify(actual)}`);
  if (x.verdict && result.verdict !== x.verdict) fail("oordeel", x.verdict, result.verdict);
  const withStatus = (status: string) =>
    result.criteria.filter((k) => k.status === status).map((k) => k.code);
  for (const [key, status] of [
    ["met", "voldoet"],
    ["notMet", "voldoet-niet"],
    ["unknown", "onbekend"],
  ] as const) {
    for (const code of x[key] ?? []) {
      if (!withStatus(status).includes(code)) fail(`criterium ${status}`, code, withStatus(status));
    }
  }
  const unknownParams = result.unknownParameters.map((p) => p.name);
  for (const p of x.unknownParameters ?? [])
    if (!unknownParams.includes(p)) fail("onbekende parameter", p, unknownParams);
  return run;
}

export function runCases(region: CompiledRegion): CaseRun[] {
  return [
    ...region.model.cases.map((c) => runCase(region, c)),
    ...region.model.partnerCases.map((c) => runPartnerCase(region, c)),
  ];
}
