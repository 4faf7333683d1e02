import { type Command, Option } from "commander";
import { today } from "../domain/dates.ts";
import { formatValue } from "../rules/conditions.ts";
import { listRegionIds, loadRegion, type RegionModel } from "../rules/load.ts";
import type { BudgetEffect, SegmentValue } from "../monitoring/whatif-budget.ts";
import {
  type ParameterChange,
  parsePeriod,
  prepareWhatIf,
  WhatIfInputError,
  yearOf,
} from "../monitoring/whatif-parameters.ts";
import { segmentSetText, type WhatIfOutcome } from "../monitoring/whatif.ts";
import { auditWhatIfRead, whatIfOverStore } from "../store/whatif.ts";
import { InputError } from "./input.ts";
import { withStore } from "./registry-commands.ts";
import { citeText, statusMark } from "./render-text.ts";

/**
 * `whatif` (issue 8, item 3): the stored referrals of a period re-evaluated with changed parameters —
 * who moves segment, what it costs, and why, for a sample. Lists referral ids, never a BSN. Reading the
 * referrals is direct access to personal data: every client concerned gets an audit record.
 */

const euro = new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" });
const money = (cents: number) => euro.format(cents / 100);
const signed = (cents: number) => `${cents > 0 ? "+" : ""}${money(cents)}`;

function changeText(c: ParameterChange): string[] {
  const unit = c.unit ? ` ${c.unit}` : "";
  const before = c.before.length > 0 ? c.before.map((b) => formatValue(b.value)).join(" / ") : "geen waarde";
  const lines = [`  ${c.name}: ${before} → ${formatValue(c.value)}${unit} (${c.description})`];
  const uses = [
    ...(c.use.rules.length > 0 ? [`regels ${c.use.rules.join(", ")}`] : []),
    ...(c.use.derived.length > 0 ? [`afgeleide feiten ${c.use.derived.join(", ")}`] : []),
    ...(c.use.ceilings.length > 0 ? [`budgetplafond van segment ${c.use.ceilings.join(", ")}`] : []),
  ];
  lines.push(
    uses.length > 0
      ? `    Telt mee in: ${uses.join("; ")}.`
      : "    Let op: geen regel en geen budgetplafond gebruikt deze parameter; er verschuift dus niets.",
  );
  return lines;
}

const FINANCING_TEXT = { pxq: "P x Q", trajectprijs: "trajectprijs", onbekend: "bekostiging onbekend" };

function segmentValueText(s: SegmentValue): string {
  if (s.financing === "taakgericht") {
    const amountOf = (cents: number | null | undefined) =>
      cents === null || cents === undefined ? "onbekend" : money(cents);
    const before = amountOf(s.ceiling?.beforeCents);
    const after = amountOf(s.ceiling?.afterCents);
    const amount = before === after ? before : `${before} → ${after}`;
    const per =
      s.ceilingPerClientBeforeCents !== null && s.ceilingPerClientAfterCents !== null
        ? `; plafond per cliënt ${money(s.ceilingPerClientBeforeCents)} → ${money(s.ceilingPerClientAfterCents)}`
        : "";
    return `  ${s.name} (taakgericht): budgetplafond ${amount} per jaar; ${s.clientsInPeriod} cliënten met een toewijzing in de periode, ${s.netMovedIn >= 0 ? "+" : ""}${s.netMovedIn} door deze wijziging${per}. Geen prijs per cliënt: 0 euro extra.`;
  }
  if (s.meanPerClientCents === null) {
    return `  ${s.name} (${FINANCING_TEXT[s.financing]}): geen goedgekeurde declaraties in de periode, dus geen gemiddelde; verschuivingen met dit segment zijn niet gewaardeerd.`;
  }
  return `  ${s.name} (${FINANCING_TEXT[s.financing]}): gemiddeld ${money(s.meanPerClientCents)} per cliënt (${money(s.declaredCents)} voor ${s.clients} cliënten).`;
}

function budgetText(b: BudgetEffect, involved: Set<string>): string[] {
  const lines = [`Budgeteffect (periode ${b.period.from} t/m ${b.period.to}):`, `  Basis: ${b.basis}`];
  for (const s of b.segments.filter((x) => involved.has(x.segment))) lines.push(segmentValueText(s));
  for (const m of b.moves) {
    const move = `${segmentSetText(m.before)} → ${segmentSetText(m.after)}`;
    lines.push(
      m.perReferralCents === null || m.totalCents === null
        ? `  ${move}: ${m.count} × niet te waarderen`
        : `  ${move}: ${m.count} × ${signed(m.perReferralCents)} = ${signed(m.totalCents)}`,
    );
  }
  lines.push(
    `  Totaal: ${signed(b.totalCents)} (${b.valuedReferrals} verwijzingen gewaardeerd${b.notValuedReferrals > 0 ? `, ${b.notValuedReferrals} niet te waarderen` : ""}).`,
  );
  return lines;
}

function outcomeText(model: RegionModel, o: WhatIfOutcome): string[] {
  const name = (set: string[]) =>
    set.length === 0
      ? "geen segment"
      : set.map((id) => model.segments.find((s) => s.id === id)?.name ?? id).join(" + ");
  const lines = [
    `Verwijzingen: ${o.read} gelezen, ${o.reEvaluated} opnieuw beoordeeld, ${o.unchanged} blijven in hun segment, ${o.moved} naar een ander segment.`,
  ];
  for (const r of o.notReEvaluable) {
    lines.push(`Niet opnieuw te beoordelen: ${r.count} — ${r.text}.`);
    for (const d of r.details) lines.push(`    ${d}`);
    lines.push(`    Verwijzingen: ${r.referralIds.join(", ")}`);
  }
  if (o.drift.count > 0) {
    lines.push(
      `Opgeslagen advies wijkt af van het huidige model (los van deze wijziging): ${o.drift.count} — ${o.drift.referralIds.join(", ")}`,
    );
  }
  lines.push("");
  lines.push(o.moves.length === 0 ? "Niemand verschuift van segment." : "Wie verschuift:");
  for (const m of o.moves) {
    lines.push(`  ${name(m.before)} → ${name(m.after)}: ${m.count}`);
    lines.push(`    Verwijzingen: ${m.referralIds.join(", ")}`);
  }
  return lines;
}

function samplesText(o: WhatIfOutcome): string[] {
  if (o.samples.length === 0) return [];
  const lines = ["", `Uitleg bij een steekproef (${o.samples.length} van ${o.moved}):`];
  for (const s of o.samples) {
    lines.push(
      `  Verwijzing ${s.referralId} (aanmelding ${s.requestDate}): ${segmentSetText(s.before)} → ${segmentSetText(s.after)}`,
    );
    for (const c of s.changes) {
      lines.push(`    ${statusMark[c.before]} → ${statusMark[c.after]}  [${c.decisionTitle}] ${c.rule}`);
      lines.push(`        ${c.explanation}`);
      if (c.counterfactual) lines.push(`        ${c.counterfactual}`);
      lines.push(`        Bron: ${citeText(c.source)}`);
    }
  }
  return lines;
}

function wholeNumber(option: string, text: string, min: number, max: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new InputError(`${option}: '${text}' moet een geheel getal van ${min} tot en met ${max} zijn`);
  }
  return Number(text);
}

export function addWhatIfCommand(program: Command): void {
  program
    .command("whatif")
    .description("Wat als: beoordeel de opgeslagen verwijzingen opnieuw met een andere parameterwaarde")
    .requiredOption("--region <id>", "regio-id, zie 'regions'")
    .requiredOption(
      "--set <parameter=waarde>",
      "de nieuwe waarde van een parameter uit parameters.yaml; mag vaker",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option("--period <van..tot>", "aanmelddatums JJJJ-MM-DD..JJJJ-MM-DD (standaard: dit kalenderjaar)")
    .option("--sample <aantal>", "hoeveel verschoven verwijzingen hun uitleg krijgen", "3")
    .addOption(new Option("--format <format>", "uitvoer").choices(["json", "text"]).default("text"))
    .action(
      async (opts: { region: string; set: string[]; period?: string; sample: string; format: string }) => {
        const known = listRegionIds();
        if (!known.includes(opts.region)) {
          throw new InputError(
            `--region: onbekende regio '${opts.region}'. Bekende regio's: ${known.join(", ")}`,
          );
        }
        const sampleSize = wholeNumber("--sample", opts.sample, 0, 100);
        const model = loadRegion(opts.region);
        let prepared;
        try {
          const period = opts.period ? parsePeriod(opts.period) : yearOf(today());
          prepared = prepareWhatIf(model, opts.set, period);
        } catch (e) {
          if (e instanceof WhatIfInputError) throw new InputError(e.message);
          throw e;
        }
        const report = await withStore(async (store) => {
          const r = await whatIfOverStore(store, prepared, { sampleSize });
          await auditWhatIfRead(store, {
            actor: null,
            purpose: "beheer",
            clientIds: r.outcome.clientIds,
            regionId: opts.region,
            via: "commandoregel",
          });
          return r;
        });
        const { clientIds: _clients, ...outcome } = report.outcome;
        if (opts.format === "json") {
          console.log(
            JSON.stringify(
              {
                region: { id: model.info.id, name: model.info.name },
                period: prepared.period,
                changes: prepared.changes,
                ...outcome,
                budget: report.budget,
              },
              null,
              2,
            ),
          );
          return;
        }
        const involved = new Set(outcome.moves.flatMap((m) => [...m.before, ...m.after]));
        for (const c of prepared.changes) for (const s of c.use.ceilings) involved.add(s);
        const lines = [
          `Wat als — ${model.info.name}, verwijzingen met aanmelddatum ${prepared.period.from} t/m ${prepared.period.to}`,
          "=".repeat(72),
          "Wijziging:",
          ...prepared.changes.flatMap(changeText),
          "",
          ...outcomeText(model, report.outcome),
          "",
          ...budgetText(report.budget, involved),
          ...samplesText(report.outcome),
        ];
        console.log(lines.join("\n"));
      },
    );
}
