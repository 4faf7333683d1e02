import type { Advice, TraceEntry } from "../domain/advice.ts";
import type { CaseFacts } from "../domain/case.ts";
import { within } from "../domain/dates.ts";
import type { CompiledRegion } from "./engine.ts";
import type { RegionModel } from "./load.ts";

/**
 * One case in several regions side by side: for a family that moves, or a provider that works in
 * several regions. Each aspect of the advice is summarised per region in a few words; aspects whose
 * summaries differ are marked, with the rules (and their sources) that decided them in each region.
 */

/**
 * A family that moves: the case as if the child lived in this region. A municipality that is not a
 * member of the region on the date (or none at all) is replaced by the region's first full member.
 */
export function placeInRegion(
  model: RegionModel,
  facts: CaseFacts,
  date: string,
): { facts: CaseFacts; movedTo?: { cbs: string; name: string } } {
  const member = (cbs?: string) =>
    model.municipalities.find((m) => m.cbs === cbs && within(date, m.from, m.to) && !m.segments);
  if (member(facts.municipality)) return { facts };
  const first = model.municipalities.find((m) => !m.segments && within(date, m.from, m.to));
  if (!first) return { facts };
  return { facts: { ...facts, municipality: first.cbs }, movedTo: { cbs: first.cbs, name: first.name } };
}

export const aspects = [
  "eligible",
  "segments",
  "route",
  "coordination",
  "duration",
  "financing",
  "deadlines",
  "warnings",
] as const;
export type Aspect = (typeof aspects)[number];

const aspectLabels: Record<Aspect, string> = {
  eligible: "Jeugdhulp via deze regio",
  segments: "Segment(en)",
  route: "Route",
  coordination: "Coördinatie",
  duration: "Duur",
  financing: "Financiering",
  deadlines: "Termijnen",
  warnings: "Meldingen",
};

/** Which decision kinds explain an aspect. */
const decidedBy: Record<Aspect, string[]> = {
  eligible: ["eligibility"],
  segments: ["segment", "profile", "intensity"],
  route: ["route"],
  coordination: ["coordination"],
  duration: ["segment"],
  financing: ["segment"],
  deadlines: ["segment"],
  warnings: ["warning"],
};

export interface ComparedAspect {
  aspect: Aspect;
  label: string;
  differs: boolean;
  values: { region: string; value: string; because: { rule: string; source: string }[] }[];
}

export interface Comparison {
  regions: { id: string; name: string }[];
  asOf: string[];
  aspects: ComparedAspect[];
  differences: Aspect[];
}

export function summarise(advice: Advice, aspect: Aspect): string {
  switch (aspect) {
    case "eligible":
      return advice.eligible === null
        ? "nog onbekend"
        : advice.eligible
          ? "ja"
          : `nee (${advice.eligibility.code ?? "uitgesloten"})`;
    case "segments":
      return (
        advice.segments
          .map((s) =>
            [
              s.id,
              s.subsegment && `subsegment ${s.subsegment}`,
              s.profile && `profiel ${s.profile}`,
              s.intensity,
            ]
              .filter(Boolean)
              .join(" "),
          )
          .join(" + ") || "geen"
      );
    case "route":
      return advice.route?.referTo ?? "geen";
    case "coordination":
      return advice.coordination.map((c) => `${c.level}: ${c.coordinator}`).join("; ") || "geen";
    case "duration":
      return (
        advice.duration
          .map((d) => (d.noEndDate ? "zonder einddatum" : d.maxText ? `max ${d.maxText}` : "geen maximum"))
          .join("; ") || "geen"
      );
    case "financing":
      return advice.financing.map((f) => `${f.type}${f.unit ? ` per ${f.unit}` : ""}`).join("; ") || "geen";
    case "deadlines":
      return advice.deadlines.map((d) => `${d.label} uiterlijk ${d.due}`).join("; ") || "geen";
    case "warnings":
      return [...new Set(advice.warnings.map((w) => w.code))].sort().join(", ") || "geen";
  }
}

function reasons(
  advice: Advice,
  aspect: Aspect,
  kindOf: (decision: string) => string,
): { rule: string; source: string }[] {
  return advice.trace
    .filter((t: TraceEntry) => t.applied && decidedBy[aspect].includes(kindOf(t.decision)))
    .map((t) => ({
      rule: t.rule,
      source: t.source
        ? [t.source.file ?? t.source.url ?? t.source.doc, t.source.section].filter(Boolean).join(", ")
        : "geen bron",
    }));
}

export function compareAdvices(
  advices: Advice[],
  kindOf: (region: string, decision: string) => string,
): Comparison {
  const compared = aspects.map((aspect) => {
    const values = advices.map((a) => ({
      region: a.region.id,
      value: summarise(a, aspect),
      because: reasons(a, aspect, (d) => kindOf(a.region.id, d)),
    }));
    return {
      aspect,
      label: aspectLabels[aspect],
      differs: new Set(values.map((v) => v.value)).size > 1,
      values,
    };
  });
  return {
    regions: advices.map((a) => a.region),
    asOf: advices.map((a) => a.asOf),
    aspects: compared,
    differences: compared.filter((c) => c.differs).map((c) => c.aspect),
  };
}

export interface CaseComparison extends Comparison {
  /** Regions where the case was judged as if the child lived in this municipality. */
  moved: { region: string; municipality: { cbs: string; name: string } }[];
}

/**
 * One case advised in each region and compared (the CLI's `compare` and the API's POST /compare).
 * `date` places the family: the as-of date, else the request date, else today (the caller's today).
 */
export function compareInRegions(
  compiled: CompiledRegion[],
  facts: CaseFacts,
  options: { asOf?: string; date: string; keepMunicipality?: boolean },
): CaseComparison {
  // A family that moves: in each region the case is judged as if the child lived there.
  const placed = compiled.map((r) =>
    options.keepMunicipality ? { facts } : placeInRegion(r.model, facts, options.date),
  );
  const advices = compiled.map((r, i) =>
    r.advise(placed[i]?.facts ?? facts, options.asOf ? { asOf: options.asOf } : {}),
  );
  const moved = placed.flatMap((p, i) =>
    p.movedTo ? [{ region: compiled[i]?.model.info.id ?? "", municipality: p.movedTo }] : [],
  );
  const kinds = new Map(
    compiled.map((r) => [r.model.info.id, new Map(r.model.decisions.map((d) => [d.id, d.kind]))]),
  );
  return {
    ...compareAdvices(advices, (region, decision) => kinds.get(region)?.get(decision) ?? ""),
    moved,
  };
}

export function renderComparisonText(c: Comparison): string {
  const out: string[] = [];
  out.push(`Vergelijking van één casus in ${c.regions.map((r) => r.name).join(", ")}`);
  out.push("=".repeat(72));
  out.push(
    c.differences.length === 0
      ? "De uitkomst is in alle regio's gelijk."
      : `Verschillen: ${c.differences.map((d) => aspectLabels[d]).join(", ")}.`,
  );
  for (const a of c.aspects) {
    out.push("");
    out.push(`${a.differs ? "≠" : "="} ${a.label}`);
    for (const v of a.values) {
      out.push(`    ${v.region}: ${v.value}`);
      if (a.differs) for (const b of v.because) out.push(`        want: ${b.rule} (${b.source})`);
    }
  }
  return out.join("\n");
}
