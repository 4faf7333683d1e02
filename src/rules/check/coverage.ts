import { runCases } from "../cases.ts";
import { compileRegion } from "../engine.ts";
import type { RegionModel } from "../load.ts";
import { type Finding, finding } from "./finding.ts";

/**
 * The test cases beside the rules (regions/<id>/cases/*.yaml) must pass, and together they must fire
 * every rule of the region's decisions, inherited baseline rules included. A rule no case fires is
 * untested: a change to it would go unnoticed.
 */
export function coverageFindings(
  model: RegionModel,
  /** "decision/rule" keys of rules that cannot fire (reported elsewhere). */
  cannotFire: ReadonlySet<string> = new Set(),
): Finding[] {
  if (model.cases.length === 0 && model.partnerCases.length === 0) {
    return [
      finding(
        "error",
        "NO_CASES",
        `Regio '${model.info.id}' heeft geen testgevallen. Zet casussen met het verwachte advies in ${model.info.id}/cases/*.yaml, zodat elke regel minstens één keer wordt getest.`,
        { file: `${model.info.id}/region.yaml` },
      ),
    ];
  }
  const out: Finding[] = [];
  const runs = runCases(compileRegion(model));
  const fired = new Set<string>();
  for (const run of runs) {
    for (const key of run.coveredKeys) fired.add(key);
    if (run.failures.length > 0) {
      const [file, line] = splitOrigin(run.origin);
      out.push(
        finding("error", "CASE_FAILS", `Testgeval '${run.name}' klopt niet: ${run.failures.join("; ")}.`, {
          file,
          ...(line ? { line } : {}),
        }),
      );
    }
  }
  for (const d of model.decisions) {
    for (const r of d.rules) {
      const key = `${d.id}/${r.id}`;
      if (fired.has(key) || cannotFire.has(key)) continue;
      out.push(
        finding(
          "error",
          "UNTESTED_RULE",
          `Geen testgeval laat regel '${r.id}' toepassen. Voeg een casus toe waarbij deze regel geldt (met 'fires: [${r.id}]').`,
          { ...r.origin, rule: r.id, decision: d.id },
        ),
      );
    }
  }
  return out;
}

function splitOrigin(origin: string): [string, number | undefined] {
  const m = /^(.*):(\d+)$/.exec(origin);
  return m ? [m[1] as string, Number(m[2])] : [origin, undefined];
}
