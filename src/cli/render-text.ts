import { format } from "date-fns";
import { nl } from "date-fns/locale";
import type { Advice, CitedSource, PartnerAssessment, TraceEntry } from "../domain/advice.ts";
import { toDate } from "../domain/dates.ts";
import { formatValue } from "../rules/conditions.ts";

/** Renders an advice as plain Dutch for a professional: the outcome first, then the reasons. */

const dutchDate = (iso: string) => format(toDate(iso), "d MMMM yyyy", { locale: nl });
const euro = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR", maximumFractionDigits: 0 });

export function citeText(src: CitedSource | null): string {
  if (!src) return "geen bron";
  const where = src.file ?? src.url ?? src.doc;
  const parts = [where];
  if (src.section) parts.push(`"${src.section}"`);
  if (src.quote) parts.push(`citaat: "${src.quote}"`);
  return parts.join(", ");
}

export const statusMark: Record<TraceEntry["status"], string> = {
  toegepast: "✔ toegepast",
  "niet-van-toepassing": "✘ niet van toepassing",
  onbekend: "? nog onbekend",
  overschaduwd: "– ging niet voor",
  "niet-geldig": "· geldt niet op deze datum",
};

export function renderAdviceText(a: Advice, options: { trace?: "all" | "applied" | "none" } = {}): string {
  const traceMode = options.trace ?? "all";
  const out: string[] = [];
  const line = (s = "") => out.push(s);
  line(`Advies voor ${a.region.name} — peildatum ${dutchDate(a.asOf)}`);
  line("=".repeat(72));
  const eligible = a.eligible === true ? "ja" : a.eligible === false ? "nee" : "nog niet bekend";
  line(`Jeugdhulp via deze regio: ${eligible}. ${a.eligibility.reason}`);
  if (a.eligibility.source) line(`  Bron: ${citeText(a.eligibility.source)}`);
  if (!a.complete) line("Let op: dit advies is nog niet compleet. Beantwoord de open vragen hieronder.");
  line();

  if (a.segments.length === 0) {
    line("Segment: geen segment.");
  }
  for (const s of a.segments) {
    const sub = s.subsegmentName ?? s.subsegment;
    const spic = [s.profile && `profiel ${s.profile}`, s.intensity && `intensiteit ${s.intensity}`].filter(
      Boolean,
    );
    line(
      `Segment: ${s.name}${sub ? ` (subsegment ${sub})` : ""}${spic.length > 0 ? `, ${spic.join(", ")}` : ""}`,
    );
    if (s.provider) line(`  Aanbieder: ${s.provider}`);
    if (s.products.length > 0) {
      line(
        `  Producten: ${s.products.map((p) => `${p.name}${p.ijw?.unit ? ` (eenheid iJw ${p.ijw.unit})` : ""}`).join("; ")}`,
      );
    }
    if (s.purchaseArea) line(`  Inkoopgebied: ${s.purchaseArea.name}`);
  }
  if (a.whyNot.length > 0) {
    line();
    line("Waarom niet de andere segmenten:");
    for (const w of a.whyNot) {
      line(`  - ${w.name}:`);
      if (w.reasons.length === 0) line("      Geen regel in dit model leidt naar dit segment.");
      for (const r of w.reasons) line(`      ${r}`);
    }
  }
  line();
  if (a.route) {
    line(`Route: verwijs naar ${a.route.referTo}.`);
    if (a.route.decidedBy) line(`  Wie beslist: ${a.route.decidedBy}.`);
    if (a.route.decisionBy) line(`  Beschikking: ${a.route.decisionBy}.`);
    if (a.route.request) line(`  Berichten: ${a.route.request}`);
    line(`  Waarom: ${a.route.because}`);
  }
  for (const c of a.coordination) {
    line(`Coördinatie (${c.level}): ${c.coordinator}.`);
    line(`  Waarom: ${c.because}`);
  }
  for (const d of a.duration) {
    const max = d.noEndDate ? "zonder einddatum. " : d.maxText ? `maximaal ${d.maxText}. ` : "";
    line(`Duur (segment ${d.segment}): ${max}${d.guideline}`);
  }
  for (const f of a.financing) {
    const ceiling =
      f.budgetCeiling && typeof f.budgetCeiling.value === "number"
        ? ` Budgetplafond: ${euro.format(f.budgetCeiling.value)} per jaar.`
        : "";
    line(`Financiering (segment ${f.segment}): ${f.description}${ceiling}`);
  }
  if (a.deadlines.length > 0) {
    line();
    line("Termijnen:");
    for (const d of a.deadlines) {
      line(`  - ${d.label}: uiterlijk ${dutchDate(d.due)} (vanaf aanmelding op ${dutchDate(d.from)}).`);
      if (d.consequence) line(`    ${d.consequence}`);
      line(`    Bron: ${citeText(d.source)}`);
    }
  }
  if (a.warnings.length > 0) {
    line();
    line("Let op:");
    for (const w of a.warnings) line(`  - [${w.severity}] ${w.message} (${w.code})`);
  }
  if (a.whatWouldChange.length > 0) {
    line();
    line("Wat het advies zou veranderen:");
    for (const w of a.whatWouldChange) line(`  - ${w}`);
  }
  if (a.missing.length > 0) {
    line();
    line("Open vragen (die de uitkomst nog kunnen veranderen):");
    for (const m of a.missing) line(`  - ${m.question}`);
  }
  if (a.localChoices.length > 0) {
    line();
    line("Lokale keuzes van Wegwijzer (geen beleid van de regio):");
    for (const c of a.localChoices) line(`  - ${c.name} = ${formatValue(c.value)}: ${c.reason}`);
  }
  if (a.unknownParameters.length > 0) {
    line();
    line("Onbekende waarden in de bron:");
    for (const p of a.unknownParameters)
      line(`  - ${p.name}: ${p.description} (waarde onbekend; niet geraden)`);
  }
  if (traceMode !== "none") {
    line();
    line("Uitleg per regel:");
    for (const t of a.trace) {
      if (traceMode === "applied" && !t.applied) continue;
      line(`  ${statusMark[t.status]}  [${t.decisionTitle}] ${t.rule}`);
      line(`      ${t.explanation}`);
      if (t.overrides) line(`      Wijkt af van de basisregel '${t.overrides.rule}': ${t.overrides.reason}`);
      if (t.localChoices) line(`      Gebruikt een lokale keuze: ${t.localChoices.join(", ")}`);
      line(`      Bron: ${citeText(t.source)}`);
    }
  }
  line();
  line(
    `Bewijs: model ${a.receipt.region} versie ${a.receipt.modelVersion} (hash ${a.receipt.modelHash.slice(0, 12)}), Wegwijzer ${a.receipt.engineVersion}, peildatum ${a.receipt.asOf}.`,
  );
  return out.join("\n");
}

const criterionMark = {
  voldoet: "✔ voldoet",
  "voldoet-niet": "✘ voldoet niet",
  onbekend: "? onbekend",
} as const;

export function renderPartnerText(p: PartnerAssessment): string {
  const out: string[] = [];
  const who = p.provider.name ?? "de aanbieder";
  out.push(`Selectie strategische partners, ${p.region.name} — ${who} — peildatum ${dutchDate(p.asOf)}`);
  out.push("=".repeat(72));
  const verdict = {
    voldoet: "voldoet aan alle criteria",
    "voldoet-niet": "voldoet niet aan alle criteria",
    onbekend: "nog niet te beoordelen: van een of meer criteria is de uitkomst onbekend",
  }[p.verdict];
  out.push(`Oordeel: ${who} ${verdict}.`);
  for (const c of p.criteria) {
    out.push("");
    out.push(
      `  ${criterionMark[c.status]}  ${c.code}${c.scope === "selectie" ? " (geldt voor de selectie als geheel)" : ""}`,
    );
    out.push(`      ${c.message}`);
    if (c.status !== "voldoet")
      out.push(`      ${c.explanation.replace(/^Niet van toepassing, want /, "Reden: ")}`);
    out.push(`      Bron: ${citeText(c.source)}`);
  }
  if (p.unknownParameters.length > 0) {
    out.push("");
    out.push("Onbekende waarden in de bron:");
    for (const u of p.unknownParameters)
      out.push(`  - ${u.name}: ${u.description} (waarde onbekend; niet geraden)`);
  }
  if (p.missing.length > 0) {
    out.push("");
    out.push("Open vragen:");
    for (const m of p.missing) out.push(`  - ${m.question}`);
  }
  out.push("");
  out.push(
    `Bewijs: model ${p.receipt.region} versie ${p.receipt.modelVersion} (hash ${p.receipt.modelHash.slice(0, 12)}), Wegwijzer ${p.receipt.engineVersion}, peildatum ${p.receipt.asOf}.`,
  );
  return out.join("\n");
}
