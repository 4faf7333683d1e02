import type { RegionModel } from "../load.ts";
import { nextDay, previousDay } from "./day.ts";
import { type Finding, finding } from "./finding.ts";
import type { YamlLines } from "./yaml-lines.ts";

/**
 * Time checks. The values of one parameter tile the timeline: no two in force on the same day, and no
 * day without a value between the first `from` and the last value. A municipality is a member of the
 * region at most once on any day. A period never ends before it starts.
 */

/** "van 2024-01-01 t/m 2024-12-31", "vanaf 2024-01-01", "tot en met 2023-12-31". */
function period(from?: string, to?: string): string {
  if (from && to) return `van ${from} t/m ${to}`;
  if (from) return `vanaf ${from}`;
  if (to) return `tot en met ${to}`;
  return "zonder begin- of einddatum";
}

function invalidPeriod(what: string, from: string | undefined, to: string | undefined) {
  return `${what} eindigt op ${to}, maar begint pas op ${from}. Controleer de datums.`;
}

export function validityFindings(model: RegionModel, lines: YamlLines): Finding[] {
  const out: Finding[] = [];
  const info = model.info;
  if (info.validFrom && info.validTo && info.validTo < info.validFrom) {
    out.push(
      finding(
        "error",
        "INVALID_PERIOD",
        invalidPeriod(`Het regiomodel '${info.id}'`, info.validFrom, info.validTo),
        {
          file: `${info.id}/region.yaml`,
        },
      ),
    );
  }

  for (const [name, p] of Object.entries(model.parameters)) {
    const lineOfValue = (i: number) =>
      lines.lineOf(p.origin.file, ["parameters", name, "values", i], p.origin.line);
    const at = (i: number) => {
      const line = lineOfValue(i);
      return { file: p.origin.file, ...(line ? { line } : {}) };
    };
    const values = p.values.map((v, i) => ({ ...v, i })).sort((a, b) => a.from.localeCompare(b.from));
    for (const v of values) {
      if (v.to && v.to < v.from) {
        out.push(
          finding(
            "error",
            "INVALID_PERIOD",
            invalidPeriod(`Een waarde van parameter '${name}'`, v.from, v.to),
            at(v.i),
          ),
        );
      }
      if (v.value === null) {
        out.push(
          finding(
            "info",
            "PARAMETER_UNKNOWN",
            `Parameter '${name}' heeft ${period(v.from, v.to)} een onbekende waarde (null). Regels die deze parameter gebruiken, geven dan geen uitkomst.`,
            at(v.i),
          ),
        );
      }
    }
    for (let k = 1; k < values.length; k++) {
      const a = values[k - 1];
      const b = values[k];
      if (!a || !b) continue;
      if (!a.to || a.to >= b.from) {
        out.push(
          finding(
            "error",
            "TILING",
            `Parameter '${name}': twee waarden gelden tegelijk. De waarde ${period(a.from, a.to)} overlapt met de waarde vanaf ${b.from}. Laat de eerste eindigen op ${previousDay(b.from)}.`,
            at(b.i),
          ),
        );
      } else if (nextDay(a.to) < b.from) {
        out.push(
          finding(
            "error",
            "TILING",
            `Parameter '${name}': van ${nextDay(a.to)} t/m ${previousDay(b.from)} is er geen waarde. Sluit de perioden op elkaar aan: de vorige waarde eindigt op ${a.to}, de volgende begint op ${b.from}.`,
            at(b.i),
          ),
        );
      }
    }
    const first = values[0];
    const last = values[values.length - 1];
    if (first && info.validFrom && first.from > info.validFrom) {
      out.push(
        finding(
          "warning",
          "TILING_START",
          `Parameter '${name}' heeft pas een waarde vanaf ${first.from}, maar het regiomodel geldt al vanaf ${info.validFrom}. Daarvoor geven regels met deze parameter geen uitkomst.`,
          at(first.i),
        ),
      );
    }
    if (
      last?.to &&
      (!info.validTo || last.to < info.validTo) &&
      !(info.validFrom && last.to < info.validFrom)
    ) {
      out.push(
        finding(
          "warning",
          "TILING_END",
          `Parameter '${name}' heeft na ${last.to} geen waarde meer, maar het regiomodel geldt ${info.validTo ? `tot ${info.validTo}` : "zonder einddatum"}. Voeg een nieuwe waarde toe of zet een einddatum op het model.`,
          at(last.i),
        ),
      );
    }
  }

  const byCbs = new Map<string, RegionModel["municipalities"]>();
  for (const m of model.municipalities) {
    if (m.to && m.to < m.from) {
      out.push(
        finding(
          "error",
          "INVALID_PERIOD",
          invalidPeriod(`Het lidmaatschap van ${m.name} (${m.cbs})`, m.from, m.to),
          m.origin,
        ),
      );
    }
    byCbs.set(m.cbs, [...(byCbs.get(m.cbs) ?? []), m]);
  }
  for (const [cbs, ms] of byCbs) {
    const sorted = [...ms].sort((a, b) => a.from.localeCompare(b.from));
    for (let k = 1; k < sorted.length; k++) {
      const a = sorted[k - 1];
      const b = sorted[k];
      if (a && b && (!a.to || a.to >= b.from)) {
        out.push(
          finding(
            "error",
            "MEMBERSHIP_OVERLAP",
            `Gemeente ${b.name} (${cbs}) staat twee keer tegelijk in de regio: ${period(a.from, a.to)} (${a.origin.file}:${a.origin.line}) en vanaf ${b.from}. Laat het eerste lidmaatschap eindigen op ${previousDay(b.from)}.`,
            b.origin,
          ),
        );
      }
    }
  }

  for (const s of model.segments) {
    if (s.validFrom && s.validTo && s.validTo < s.validFrom) {
      out.push(
        finding(
          "error",
          "INVALID_PERIOD",
          invalidPeriod(`Segment '${s.id}'`, s.validFrom, s.validTo),
          s.origin,
        ),
      );
    }
  }
  for (const d of model.decisions) {
    for (const r of d.rules) {
      if (r.validFrom && r.validTo && r.validTo < r.validFrom) {
        out.push(
          finding("error", "INVALID_PERIOD", invalidPeriod(`Regel '${r.id}'`, r.validFrom, r.validTo), {
            ...r.origin,
            rule: r.id,
            decision: d.id,
          }),
        );
      } else if (!overlapsModel(model, r.validFrom, r.validTo)) {
        out.push(
          finding(
            "warning",
            "RULE_NEVER_IN_FORCE",
            `Regel '${r.id}' geldt ${period(r.validFrom, r.validTo)}, maar het regiomodel geldt ${period(info.validFrom, info.validTo)}. De regel wordt dus nooit gebruikt.`,
            { ...r.origin, rule: r.id, decision: d.id },
          ),
        );
      }
    }
  }
  return out;
}

/** Whether a period [from, to] shares at least one day with the model's own validity. */
export function overlapsModel(model: RegionModel, from?: string, to?: string): boolean {
  const mFrom = model.info.validFrom;
  const mTo = model.info.validTo;
  return !(from && mTo && from > mTo) && !(to && mFrom && to < mFrom);
}
