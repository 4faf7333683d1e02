import type { RegionModel } from "../load.ts";
import { type Finding, finding } from "./finding.ts";

/**
 * Ids that occur twice. The loader refuses a region rule that reuses a baseline id, but not two rules
 * with one id inside one layer, two decision files with one id, or two segments with one id: the
 * engine would then pick one silently.
 */
export function duplicateFindings(model: RegionModel): Finding[] {
  const out: Finding[] = [];
  const seenDecisions = new Map<string, string>();
  for (const d of model.decisions) {
    const earlier = seenDecisions.get(d.id);
    if (earlier) {
      out.push(
        finding(
          "error",
          "DUPLICATE_ID",
          `Beslissing '${d.id}' staat twee keer in het model (ook in ${earlier}). Geef elke beslissing een eigen id.`,
          { ...d.origin, decision: d.id },
        ),
      );
    } else seenDecisions.set(d.id, `${d.origin.file}:${d.origin.line}`);
    const seenRules = new Map<string, string>();
    for (const r of d.rules) {
      const first = seenRules.get(r.id);
      if (first) {
        out.push(
          finding(
            "error",
            "DUPLICATE_ID",
            `Regel-id '${r.id}' komt twee keer voor in beslissing '${d.id}' (ook in ${first}). Geef elke regel een eigen id.`,
            { ...r.origin, rule: r.id, decision: d.id },
          ),
        );
      } else seenRules.set(r.id, `${r.origin.file}:${r.origin.line}`);
    }
  }
  const seenSegments = new Set<string>();
  for (const s of model.segments) {
    if (seenSegments.has(s.id)) {
      out.push(finding("error", "DUPLICATE_ID", `Segment '${s.id}' staat twee keer in het model.`, s.origin));
    }
    seenSegments.add(s.id);
    const products = new Set<string>();
    for (const p of s.products) {
      if (products.has(p.id)) {
        out.push(
          finding(
            "error",
            "DUPLICATE_ID",
            `Product '${p.id}' staat twee keer in segment '${s.id}'.`,
            s.origin,
          ),
        );
      }
      products.add(p.id);
    }
  }
  return out;
}
