import { exprRefs, factTests } from "../conditions.ts";
import type { RegionModel } from "../load.ts";
import { comparisonOps } from "../model-schema.ts";
import { type Finding, finding } from "./finding.ts";

/**
 * Parameters nobody uses. A parameter counts as used when a rule's threshold, a derived fact, a
 * segment's budgetCeiling, or a rule's explanation or message ({$naam}) refers to it.
 */
export function usedParameters(model: RegionModel): Set<string> {
  const used = new Set<string>();
  const fromTemplate = (text: string | undefined) => {
    for (const m of (text ?? "").matchAll(/\{\$([a-zA-Z0-9.-]+)\}/g)) if (m[1]) used.add(m[1]);
  };
  for (const d of model.decisions) {
    for (const r of d.rules) {
      for (const t of factTests(r.when)) {
        for (const op of comparisonOps) {
          const e = t[op];
          if (e !== undefined) for (const p of exprRefs(e).params) used.add(p);
        }
      }
      fromTemplate(r.explain);
      fromTemplate(r.then.message);
    }
  }
  for (const d of Object.values(model.derived)) for (const p of exprRefs(d.expr).params) used.add(p);
  for (const s of model.segments) {
    if (s.financing.budgetCeiling) used.add(s.financing.budgetCeiling.replace(/^\$/, ""));
  }
  return used;
}

export function unusedParameterFindings(model: RegionModel): Finding[] {
  const used = usedParameters(model);
  return Object.entries(model.parameters)
    .filter(([name]) => !used.has(name))
    .map(([name, p]) =>
      finding(
        "warning",
        "UNUSED_PARAMETER",
        `Parameter '${name}' wordt door geen enkele regel, afgeleid feit of segment gebruikt. Gebruik hem of haal hem weg.`,
        p.origin,
      ),
    );
}
