import type { RegionModel } from "../load.ts";
import { type Finding, finding } from "./finding.ts";
import type { YamlLines } from "./yaml-lines.ts";

/**
 * Every rule cites its source: a rule without one is an error, because nobody can check it against
 * the policy text. Segments, products, parameter values and derived facts without a source are
 * warnings: they describe the region, but the advice does not hinge on one row of them.
 */
export function sourceFindings(model: RegionModel, lines: YamlLines): Finding[] {
  const out: Finding[] = [];
  for (const d of model.decisions) {
    for (const r of d.rules) {
      if (!r.source) {
        out.push(
          finding(
            "error",
            "MISSING_SOURCE",
            `Regel '${r.id}' noemt geen bron. Zet onder 'source' het document (doc) en waar het staat (section of quote).`,
            { ...r.origin, rule: r.id, decision: d.id },
          ),
        );
      }
    }
  }
  model.segments.forEach((s, si) => {
    if (!s.source) {
      out.push(finding("warning", "MISSING_SOURCE", `Segment '${s.id}' noemt geen bron.`, { ...s.origin }));
    }
    s.products.forEach((p, pi) => {
      if (!p.source) {
        const line = lines.lineOf(s.origin.file, ["segments", si, "products", pi], s.origin.line);
        out.push(
          finding("warning", "MISSING_SOURCE", `Product '${p.id}' van segment '${s.id}' noemt geen bron.`, {
            file: s.origin.file,
            ...(line ? { line } : {}),
          }),
        );
      }
    });
  });
  for (const [name, p] of Object.entries(model.parameters)) {
    p.values.forEach((v, i) => {
      if (!v.source) {
        const line = lines.lineOf(p.origin.file, ["parameters", name, "values", i], p.origin.line);
        out.push(
          finding(
            "warning",
            "MISSING_SOURCE",
            `Parameter '${name}' (waarde vanaf ${v.from}) noemt geen bron.`,
            { file: p.origin.file, ...(line ? { line } : {}) },
          ),
        );
      }
    });
  }
  for (const [name, d] of Object.entries(model.derived)) {
    if (!d.source) {
      out.push(finding("warning", "MISSING_SOURCE", `Afgeleid feit '${name}' noemt geen bron.`, d.origin));
    }
  }
  return out;
}
