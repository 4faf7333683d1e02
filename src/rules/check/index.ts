import { type LoadedDecision, loadRegion, ModelLoadError, type RegionModel, regionsRoot } from "../load.ts";
import { coverageFindings } from "./coverage.ts";
import { analyzeDecision } from "./decision-table.ts";
import { duplicateFindings } from "./duplicates.ts";
import { type Finding, finding, sortFindings } from "./finding.ts";
import { loadErrorFindings, referenceFindings } from "./load-findings.ts";
import { sourceFindings } from "./sources.ts";
import { unusedParameterFindings } from "./unused.ts";
import { validityFindings } from "./validity.ts";
import { YamlLines } from "./yaml-lines.ts";

/**
 * The static checker of a region model (design.md §5): everything that can be found without a real
 * case. checkRegion returns findings, errors first; formatFindings prints them for a terminal or CI.
 */

export type { Finding, Severity } from "./finding.ts";
export { formatFindings } from "./format.ts";

export function checkRegion(id: string, root: string = regionsRoot()): Finding[] {
  let model: RegionModel;
  try {
    model = loadRegion(id, root);
  } catch (e) {
    if (e instanceof ModelLoadError) return sortFindings(loadErrorFindings(e));
    throw e;
  }
  const lines = new YamlLines(root);
  const references = referenceFindings(model);
  const validity = validityFindings(model, lines);
  const findings: Finding[] = [
    ...references,
    ...duplicateFindings(model),
    ...sourceFindings(model, lines),
    ...validity,
    ...unusedParameterFindings(model),
  ];
  // Rules no case can fire; they are reported already, so coverage does not report them again.
  const cannotFire = new Set(
    validity.filter((f) => f.rule && f.decision).map((f) => `${f.decision}/${f.rule}`),
  );

  // A decision with a broken reference cannot be analysed reliably; its reference errors say why.
  const broken = new Set(references.map((f) => `${f.file}:${f.line}`));
  const isBroken = (d: LoadedDecision) =>
    d.rules.some((r) => broken.has(`${r.origin.file}:${r.origin.line}`));
  for (const d of model.decisions) {
    if (isBroken(d)) {
      findings.push(
        finding(
          "info",
          "NOT_ANALYSED",
          `Beslissing '${d.id}' is niet gecontroleerd op gaten en overlap: los eerst de fouten in de verwijzingen op.`,
          { ...d.origin, decision: d.id },
        ),
      );
      continue;
    }
    const result = analyzeDecision(model, d, { lineOf: (file, path) => lines.lineOf(file, path) });
    findings.push(...result.findings);
    for (const r of result.unreachable) cannotFire.add(`${d.id}/${r}`);
  }

  if (references.length > 0) {
    findings.push(
      finding(
        "info",
        "NOT_ANALYSED",
        "De testgevallen zijn niet uitgevoerd: het model heeft fouten in de verwijzingen. Los die eerst op.",
        { file: `${model.info.id}/region.yaml` },
      ),
    );
  } else {
    findings.push(...coverageFindings(model, cannotFire));
  }
  return sortFindings(findings);
}
