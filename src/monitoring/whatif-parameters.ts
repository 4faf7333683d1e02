import { createHash } from "node:crypto";
import { addDays, format, parseISO, subDays } from "date-fns";
import type { IsoDate } from "../domain/dates.ts";
import { exprRefs, factTests } from "../rules/conditions.ts";
import { canonicalJson, type CompiledRegion, compileRegion } from "../rules/engine.ts";
import type { RegionModel } from "../rules/load.ts";
import type { Parameter } from "../rules/model-schema.ts";

/**
 * The what-if's input (issue 8, item 3): which parameter gets which value over which period, checked
 * against the region model, and the model with that value in force. Pure: the model comes in, a copy
 * goes out, and the engine compiles the copy as it compiles any model — no switch inside the engine.
 */

/** A refused what-if input; `field` is what the user typed it in (the CLI names its option). */
export class WhatIfInputError extends Error {
  override name = "WhatIfInputError";
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

export type ParameterValue = number | string | boolean;

export interface ParameterSetting {
  name: string;
  value: ParameterValue;
}

/** Where a parameter counts: the rules that test it, directly or through a derived fact. */
export interface ParameterUse {
  rules: string[];
  derived: string[];
  /** Segments whose budget ceiling it is. */
  ceilings: string[];
}

export interface ParameterChange extends ParameterSetting {
  description: string;
  unit: string | null;
  /** The values in force in the period before the change (one per dated value that overlaps it). */
  before: { from: IsoDate; to: IsoDate | null; value: ParameterValue | null }[];
  use: ParameterUse;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

function realDate(text: string): boolean {
  if (!ISO.test(text)) return false;
  const d = parseISO(text);
  return !Number.isNaN(d.getTime()) && format(d, "yyyy-MM-dd") === text;
}

/** `2026-01-01..2026-12-31`, both days included. */
export function parsePeriod(text: string, field = "--period"): Period {
  const parts = text.split("..");
  if (parts.length !== 2) {
    throw new WhatIfInputError(field, `'${text}' moet de vorm JJJJ-MM-DD..JJJJ-MM-DD hebben`);
  }
  const [from = "", to = ""] = parts.map((p) => p.trim());
  for (const [label, d] of [
    ["begindatum", from],
    ["einddatum", to],
  ] as const) {
    if (!realDate(d)) throw new WhatIfInputError(field, `de ${label} '${d}' is geen datum (JJJJ-MM-DD)`);
  }
  if (from > to) throw new WhatIfInputError(field, `de begindatum ${from} ligt na de einddatum ${to}`);
  return { from, to };
}

/** Without --period: the calendar year of the given day. */
export function yearOf(day: IsoDate): Period {
  const year = day.slice(0, 4);
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** `name=value`; the value is read as the parameter's type in checkSetting. */
export function splitSetting(text: string, field = "--set"): { name: string; raw: string } {
  const at = text.indexOf("=");
  if (at <= 0 || at === text.length - 1) {
    throw new WhatIfInputError(field, `'${text}' moet de vorm parameter=waarde hebben`);
  }
  return { name: text.slice(0, at).trim(), raw: text.slice(at + 1).trim() };
}

type Kind = "number" | "string" | "boolean";

function kindOf(p: Parameter): Kind {
  const known = p.values.map((v) => v.value).filter((v) => v !== null);
  const first = known[0];
  if (first === undefined) return p.unit === "datum" ? "string" : "number";
  return typeof first as Kind;
}

/** Units whose values are whole counts: half a client is no threshold. */
const WHOLE_UNITS = new Set(["cliënten"]);

/**
 * Reads `raw` as a value of the parameter: the type of its current values, and what its unit allows
 * (no negative hours or euros, a fraction from 0 to 1, a real date). A Dutch decimal comma is accepted.
 */
export function checkSetting(
  model: RegionModel,
  name: string,
  raw: string,
  field = "--set",
): ParameterSetting {
  const p = model.parameters[name];
  if (!p) {
    const known = Object.keys(model.parameters).sort().join(", ");
    throw new WhatIfInputError(
      field,
      `onbekende parameter '${name}' in ${model.info.id}. Bekende parameters: ${known || "geen"}`,
    );
  }
  const unit = p.unit ?? "";
  const kind = kindOf(p);
  const refuse = (reason: string) => new WhatIfInputError(field, `${name} = '${raw}': ${reason}`);
  if (kind === "boolean") {
    if (["ja", "true"].includes(raw.toLowerCase())) return { name, value: true };
    if (["nee", "false"].includes(raw.toLowerCase())) return { name, value: false };
    throw refuse("moet ja of nee zijn");
  }
  if (kind === "string") {
    if (raw === "") throw refuse("mag niet leeg zijn");
    if (unit === "datum" && !realDate(raw)) throw refuse("moet een datum zijn (JJJJ-MM-DD)");
    return { name, value: raw };
  }
  const normalised = raw.replace(",", ".");
  if (!/^-?\d+(\.\d+)?$/.test(normalised)) {
    throw refuse(`moet een getal zijn${unit ? ` (eenheid: ${unit})` : ""}`);
  }
  const value = Number(normalised);
  if (value < 0) throw refuse(`mag niet negatief zijn${unit ? ` (eenheid: ${unit})` : ""}`);
  if (unit === "fractie" && value > 1) throw refuse("is een fractie en moet van 0 tot en met 1 zijn");
  if (WHOLE_UNITS.has(unit) && !Number.isInteger(value)) throw refuse(`moet een heel aantal ${unit} zijn`);
  return { name, value };
}

/** The rules, derived facts and ceilings a parameter reaches; derived facts count transitively. */
export function parameterUse(model: RegionModel, name: string): ParameterUse {
  const derived = new Set<string>();
  // A derived fact can use another derived fact: repeat until nothing new is found.
  for (let grew = true; grew;) {
    grew = false;
    for (const [d, def] of Object.entries(model.derived)) {
      if (derived.has(d)) continue;
      const refs = exprRefs(def.expr);
      if (refs.params.includes(name) || refs.facts.some((f) => derived.has(f))) {
        derived.add(d);
        grew = true;
      }
    }
  }
  const rules: string[] = [];
  for (const decision of model.decisions) {
    for (const rule of decision.rules) {
      const touches = factTests(rule.when).some(
        (t) =>
          derived.has(t.fact) ||
          (["atLeast", "above", "atMost", "below"] as const).some((op) => {
            const e = t[op];
            return e !== undefined && exprRefs(e).params.includes(name);
          }) ||
          [t.is, t.isNot, ...(t.in ?? []), ...(t.notIn ?? [])].includes(`$${name}`),
      );
      if (touches) rules.push(rule.id);
    }
  }
  const ceilings = model.segments
    .filter((s) => s.financing.budgetCeiling?.replace(/^\$/, "") === name)
    .map((s) => s.id);
  return { rules, derived: [...derived], ceilings };
}

const dayBefore = (d: IsoDate) => format(subDays(parseISO(d), 1), "yyyy-MM-dd");
const dayAfter = (d: IsoDate) => format(addDays(parseISO(d), 1), "yyyy-MM-dd");

/**
 * The parameter's dated values with `value` in force on every day of the period and the old values
 * kept outside it (cut at the period's edges), in date order.
 */
export function spliceValues(
  values: Parameter["values"],
  period: Period,
  value: ParameterValue,
): Parameter["values"] {
  const out: Parameter["values"] = [];
  for (const v of values) {
    if (v.from < period.from) {
      const to = v.to !== undefined && v.to < period.from ? v.to : dayBefore(period.from);
      out.push({ ...v, to });
    }
    if (v.to === undefined || v.to > period.to) {
      const from = v.from > period.to ? v.from : dayAfter(period.to);
      out.push({ ...v, from });
    }
  }
  out.push({ from: period.from, to: period.to, value });
  return out.sort((a, b) => a.from.localeCompare(b.from));
}

/** The values of a parameter that are in force on some day of the period. */
function valuesIn(p: Parameter, period: Period): ParameterChange["before"] {
  return p.values
    .filter((v) => v.from <= period.to && (v.to === undefined || v.to >= period.from))
    .map((v) => ({ from: v.from, to: v.to ?? null, value: v.value }));
}

/**
 * A copy of the model with each setting in force over the period. The copy's hash is the original's
 * combined with the settings, so a receipt made with it never claims to be the published model.
 */
export function withParameters(
  model: RegionModel,
  settings: ParameterSetting[],
  period: Period,
): { model: RegionModel; changes: ParameterChange[] } {
  const seen = new Set<string>();
  const parameters = { ...model.parameters };
  const changes: ParameterChange[] = [];
  for (const s of settings) {
    if (seen.has(s.name)) throw new WhatIfInputError("--set", `parameter '${s.name}' staat er twee keer in`);
    seen.add(s.name);
    const p = model.parameters[s.name];
    if (!p) throw new WhatIfInputError("--set", `onbekende parameter '${s.name}' in ${model.info.id}`);
    parameters[s.name] = { ...p, values: spliceValues(p.values, period, s.value) };
    changes.push({
      ...s,
      description: p.description,
      unit: p.unit ?? null,
      before: valuesIn(p, period),
      use: parameterUse(model, s.name),
    });
  }
  const hash = createHash("sha256")
    .update(model.hash)
    .update("\0wat-als\0")
    .update(canonicalJson({ settings, period }))
    .digest("hex");
  return { model: { ...model, parameters, hash }, changes };
}

/** What a what-if runs with: the model as it is, the changed copy, both compiled, and what changed. */
export interface PreparedWhatIf {
  current: CompiledRegion;
  changed: CompiledRegion;
  changes: ParameterChange[];
  period: Period;
}

/** Checks every `name=value` against the model and compiles the model with the values in force. */
export function prepareWhatIf(model: RegionModel, settings: string[], period: Period): PreparedWhatIf {
  if (settings.length === 0) throw new WhatIfInputError("--set", "geef ten minste één parameter=waarde");
  const checked = settings.map((text) => {
    const { name, raw } = splitSetting(text);
    return checkSetting(model, name, raw);
  });
  const { model: changedModel, changes } = withParameters(model, checked, period);
  return { current: compileRegion(model), changed: compileRegion(changedModel), changes, period };
}
