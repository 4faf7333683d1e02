import { exprRefs, factTests } from "./conditions.ts";
import { factCatalog, factInfo, providerFactCatalog } from "./facts.ts";
import type { ModelIssue, RegionModel } from "./load.ts";
import type { SourceRef } from "./model-schema.ts";

/**
 * Finds references in a merged model that point at nothing: unknown facts, parameters, segments,
 * products, subsegments and source documents. The compiler refuses a model with any of these; the
 * static checker lists them all.
 */
export function referenceIssues(model: RegionModel): ModelIssue[] {
  const issues: ModelIssue[] = [];
  const sourceIds = new Set(model.sources.map((s) => s.id));
  const params = new Set(Object.keys(model.parameters));
  const derived = new Set(Object.keys(model.derived));
  const segments = new Map(model.segments.map((s) => [s.id, s]));
  const isFact = (f: string) => f in factCatalog || derived.has(f);

  const checkSource = (src: SourceRef | undefined, origin: { file: string; line: number }, what: string) => {
    if (src && !sourceIds.has(src.doc)) {
      issues.push({ ...origin, message: `${what} verwijst naar onbekende bron '${src.doc}'` });
    }
  };
  const checkExpr = (
    expr: Parameters<typeof exprRefs>[0],
    origin: { file: string; line: number },
    what: string,
  ) => {
    const refs = exprRefs(expr);
    for (const f of refs.facts)
      if (!isFact(f)) issues.push({ ...origin, message: `${what}: onbekend feit '${f}'` });
    for (const p of refs.params)
      if (!params.has(p)) issues.push({ ...origin, message: `${what}: onbekende parameter '$${p}'` });
  };

  for (const [name, p] of Object.entries(model.parameters)) {
    p.values.forEach((v) => {
      checkSource(v.source, p.origin, `parameter '${name}'`);
    });
  }
  for (const [name, d] of Object.entries(model.derived)) {
    checkSource(d.source, d.origin, `afgeleid feit '${name}'`);
    checkExpr(d.expr, d.origin, `afgeleid feit '${name}'`);
  }
  for (const m of model.municipalities) {
    checkSource(m.source, m.origin, `gemeente ${m.cbs}`);
    for (const s of m.segments ?? []) {
      if (!segments.has(s))
        issues.push({ ...m.origin, message: `gemeente ${m.cbs}: onbekend segment '${s}'` });
    }
  }
  for (const s of model.segments) {
    checkSource(s.source, s.origin, `segment '${s.id}'`);
    checkSource(s.financing.source, s.origin, `financiering van segment '${s.id}'`);
    checkSource(s.duration.source, s.origin, `duur van segment '${s.id}'`);
    if (s.financing.budgetCeiling && !params.has(s.financing.budgetCeiling.replace(/^\$/, ""))) {
      issues.push({
        ...s.origin,
        message: `segment '${s.id}': onbekende parameter '${s.financing.budgetCeiling}'`,
      });
    }
    for (const sup of s.supersedes) {
      if (!segments.has(sup))
        issues.push({ ...s.origin, message: `segment '${s.id}' vervangt onbekend segment '${sup}'` });
    }
    const subs = new Set(s.subsegments.map((x) => x.id));
    for (const p of s.products) {
      checkSource(p.source, s.origin, `product '${p.id}'`);
      if (p.subsegment && !subs.has(p.subsegment)) {
        issues.push({ ...s.origin, message: `product '${p.id}': onbekend subsegment '${p.subsegment}'` });
      }
      for (const cf of p.careForms) {
        if (!(
          factCatalog.requestedCare?.type.kind === "set" && factCatalog.requestedCare.type.values.includes(cf)
        )) {
          issues.push({ ...s.origin, message: `product '${p.id}': onbekende zorgvorm '${cf}'` });
        }
      }
    }
    for (const d of s.deadlines) checkSource(d.source, s.origin, `termijn '${d.id}'`);
    for (const p of s.profiles) checkSource(p.source, s.origin, `profiel '${p.id}'`);
    for (const i of s.intensities) checkSource(i.source, s.origin, `intensiteit '${i.id}'`);
    for (const row of s.productCodes) {
      checkSource(row.source, s.origin, `productcode ${row.code}`);
      if (
        !s.profiles.some((p) => p.id === row.profile) ||
        !s.intensities.some((i) => i.id === row.intensity)
      ) {
        issues.push({
          ...s.origin,
          message: `productcode ${row.code}: onbekend profiel of intensiteit (${row.profile}, ${row.intensity})`,
        });
      }
    }
    for (const a of s.purchaseAreas) checkSource(a.source, s.origin, `inkoopgebied '${a.id}'`);
  }

  for (const d of model.decisions) {
    // A criterion judges a provider: it tests provider facts only; every other decision tests the case.
    const factOk = (f: string) => (d.kind === "criterion" ? f in providerFactCatalog : isFact(f));
    for (const r of d.rules) {
      const what = `regel '${r.id}'`;
      checkSource(r.source, r.origin, what);
      for (const t of factTests(r.when)) {
        if (!factOk(t.fact)) issues.push({ ...r.origin, message: `${what}: onbekend feit '${t.fact}'` });
        for (const op of ["atLeast", "above", "atMost", "below"] as const) {
          const e = t[op];
          if (e !== undefined) checkExpr(e, r.origin, what);
        }
        const info = factInfo(t.fact);
        const listed = [
          t.is,
          t.isNot,
          ...(t.in ?? []),
          ...(t.notIn ?? []),
          ...(t.includesAny ?? []),
          ...(t.includesNone ?? []),
          ...(t.includesAll ?? []),
        ].filter((v) => v !== undefined);
        if (info && (info.type.kind === "enum" || info.type.kind === "set") && info.type.values.length > 0) {
          for (const v of listed) {
            if (!info.type.values.includes(String(v))) {
              issues.push({ ...r.origin, message: `${what}: '${String(v)}' is geen waarde van ${t.fact}` });
            }
          }
        }
        if (info && info.type.kind === "set" && info.type.values.length === 0) {
          for (const v of listed) {
            if (!segments.has(String(v)))
              issues.push({ ...r.origin, message: `${what}: onbekend segment '${String(v)}'` });
          }
        }
      }
      const seg = r.then.segment ? segments.get(r.then.segment) : undefined;
      if (r.then.segment && !seg)
        issues.push({ ...r.origin, message: `${what}: onbekend segment '${r.then.segment}'` });
      if (seg) {
        for (const p of r.then.products ?? []) {
          if (!seg.products.some((x) => x.id === p)) {
            issues.push({ ...r.origin, message: `${what}: onbekend product '${p}' in segment '${seg.id}'` });
          }
        }
        if (r.then.subsegment && !seg.subsegments.some((x) => x.id === r.then.subsegment)) {
          issues.push({ ...r.origin, message: `${what}: onbekend subsegment '${r.then.subsegment}'` });
        }
      }
      if (r.then.profile && !model.segments.some((x) => x.profiles.some((p) => p.id === r.then.profile))) {
        issues.push({ ...r.origin, message: `${what}: onbekend profiel '${r.then.profile}'` });
      }
      if (
        r.then.intensity &&
        !model.segments.some((x) => x.intensities.some((i) => i.id === r.then.intensity))
      ) {
        issues.push({ ...r.origin, message: `${what}: onbekende intensiteit '${r.then.intensity}'` });
      }
      const required: Record<string, (keyof typeof r.then)[]> = {
        eligibility: ["eligible"],
        segment: ["segment"],
        profile: ["profile"],
        intensity: ["intensity"],
        criterion: ["code"],
        route: ["route"],
        coordination: ["coordinator", "level"],
        warning: ["code", "severity", "message"],
      };
      for (const key of required[d.kind] ?? []) {
        if (r.then[key] === undefined)
          issues.push({
            ...r.origin,
            message: `${what}: 'then.${key}' ontbreekt (beslissing van soort ${d.kind})`,
          });
      }
    }
  }
  return issues;
}
