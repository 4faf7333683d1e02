import type { IsoDate } from "../domain/dates.ts";
import type { RuleFinding } from "./message-rules.ts";
import type { CDT_Product } from "./messages.generated.ts";

/**
 * The rules across messages for starts and stops of care (regieberichten JW305/JW307, level 3), on the
 * municipality's side. Pure: the store gives what it knows of the allocation and of the reports already
 * received, and gets back per StartProduct/StopProduct whether to apply it (add or withdraw a report) or
 * which rule refuses it with which retour code. One code per class: the first broken rule in the order
 * below, so the provider sees the cause rather than its echoes (a second temporary stop also repeats the
 * key, but 9413 says what is wrong). Source: ../shared/docs/ijw-3.2.md §2.4, §4.4, §4.7 (paraphrasing
 * informatiemodel iJw 3.2).
 */

export interface RegieRule {
  id: string;
  retourcode: string;
  /** What is wrong, in Dutch (B1), for the provider. */
  text: string;
}

const rule = (id: string, retourcode: string, text: string): RegieRule => ({ id, retourcode, text });

export const REGIE_RULES = {
  /** TR019: with an allocation (effort- or output-based) the report names its ToewijzingNummer. */
  linked: rule(
    "TR019",
    "9019",
    "De start of stop hoort niet bij een toewijzing. Gebruik het toewijzingnummer van een toewijzing van deze gemeente aan u voor deze cliënt.",
  ),
  /** IV075: specific (category and code), aspecific (category) or generic (empty), as allocated. */
  sameProduct: rule(
    "IV075",
    "9019",
    "Het product is niet hetzelfde als het product van de toewijzing. Neem het product van de toewijzing over.",
  ),
  /** Our own rule (also in the registry): care under an allocation starts within its period. */
  startWithinAllocation: rule(
    "start-binnen-toewijzing",
    "9019",
    "De begindatum ligt buiten de periode van de toewijzing.",
  ),
  /** TR074: a first delivery (StatusAanlevering 1) has a key that was not received before. */
  newKey: rule("TR074", "9074", "Deze start of stop is al eerder ontvangen: de sleutel bestaat al."),
  /** TR326 (OP289): one current start per allocated product; a correction deletes the start first. */
  oneCurrentStart: rule(
    "TR326",
    "9326",
    "Er is al een start die nog niet gestopt is. Stuur eerst een stop. Was de start fout? Verwijder die dan eerst.",
  ),
  /** TR382 (OP072, OP155): a stop copies the key of the latest start unchanged. */
  stopOfCurrentStart: rule(
    "TR382",
    "9069",
    "Er is geen actuele start met deze begindatum. Neem de begindatum van de laatste start over.",
  ),
  /** TR063: a delete (StatusAanlevering 3) needs an earlier report with the same key. */
  deleteKnown: rule("TR063", "9063", "Er is geen eerdere start of stop met deze sleutel om te verwijderen."),
  /** TR071: a start with a stop cannot be deleted. */
  startWithoutStop: rule(
    "TR071",
    "9071",
    "Deze start kan niet verwijderd worden, want er is al een stop voor. Verwijder eerst de stop.",
  ),
  /** TR413 (OP378): after a temporary stop (reden 20) comes a start or a definitive stop. */
  oneTemporaryStop: rule(
    "TR413",
    "9413",
    "Er is al een tijdelijke stop (reden 20) voor deze start. Stuur een nieuwe start of een definitieve stop.",
  ),
  /** TR414 (OP377): a later stop does not end before the stop already received. */
  notBeforeEarlierStop: rule(
    "TR414",
    "9414",
    "De einddatum ligt voor de einddatum van de stop die al ontvangen is.",
  ),
  /** TR415 (OP377): a start has at most one definitive stop, and nothing follows it. */
  oneDefinitiveStop: rule("TR415", "9415", "Er is al een definitieve stop voor deze start."),
} as const satisfies Record<string, RegieRule>;

/** RedenBeeindiging 20: levering tijdelijk beëindigd. */
export const TEMPORARY_STOP = "20";

/** The allocation a report with a ToewijzingNummer was linked to (same client, provider, municipality). */
export interface LinkedAllocation {
  category: string | null;
  code: string | null;
  startDate: IsoDate;
  endDate: IsoDate | null;
}

/**
 * How the store linked the report: to an allocation, to the task-based key (no ToewijzingNummer, and no
 * allocation of this client and provider for this product that is not task-based), or not at all.
 */
export type RegieLink =
  { kind: "allocation"; allocation: LinkedAllocation } | { kind: "task" } | { kind: "none" };

/** A report already received and not withdrawn, in the same scope (allocation, or task-based key). */
export interface KnownReport {
  id: string;
  kind: "start" | "stop";
  beginDate: IsoDate;
  endDate?: IsoDate;
  reason?: string;
}

interface Common {
  /** "3" deletes an earlier report with the same key; anything else is a first delivery (CS058 allows 1 and 3). */
  status: string;
  product?: CDT_Product;
  beginDate: IsoDate;
}
export type IncomingReport =
  (Common & { kind: "start" }) | (Common & { kind: "stop"; endDate: IsoDate; reason: string });

export type RegieEffect =
  { kind: "add"; report: Omit<KnownReport, "id"> } | { kind: "withdraw"; report: KnownReport };

export type RegieDecision = { ok: true; effect: RegieEffect } | { ok: false; rule: RegieRule };

const refuse = (r: RegieRule): RegieDecision => ({ ok: false, rule: r });

const sameProduct = (allocation: LinkedAllocation, product: CDT_Product | undefined) =>
  (product?.Categorie ?? null) === allocation.category && (product?.Code ?? null) === allocation.code;

/** Judge one StartProduct or StopProduct against the reports already known in its scope. */
export function judgeReport(
  link: RegieLink,
  known: readonly KnownReport[],
  incoming: IncomingReport,
): RegieDecision {
  if (link.kind === "none") return refuse(REGIE_RULES.linked);
  if (link.kind === "allocation" && !sameProduct(link.allocation, incoming.product))
    return refuse(REGIE_RULES.sameProduct);
  const starts = known.filter((r) => r.kind === "start");
  const stopsOf = (beginDate: IsoDate) => known.filter((r) => r.kind === "stop" && r.beginDate === beginDate);
  const start = starts.find((s) => s.beginDate === incoming.beginDate);

  if (incoming.kind === "start") {
    if (incoming.status === "3") {
      if (!start) return refuse(REGIE_RULES.deleteKnown);
      if (stopsOf(start.beginDate).length > 0) return refuse(REGIE_RULES.startWithoutStop);
      return { ok: true, effect: { kind: "withdraw", report: start } };
    }
    if (start) return refuse(REGIE_RULES.newKey);
    if (starts.some((s) => stopsOf(s.beginDate).length === 0)) return refuse(REGIE_RULES.oneCurrentStart);
    if (
      link.kind === "allocation" &&
      (incoming.beginDate < link.allocation.startDate ||
        (link.allocation.endDate !== null && incoming.beginDate > link.allocation.endDate))
    )
      return refuse(REGIE_RULES.startWithinAllocation);
    return { ok: true, effect: { kind: "add", report: { kind: "start", beginDate: incoming.beginDate } } };
  }

  const stops = start ? stopsOf(start.beginDate) : [];
  if (incoming.status === "3") {
    const stop = stops.find((s) => s.reason === incoming.reason);
    return stop ? { ok: true, effect: { kind: "withdraw", report: stop } } : refuse(REGIE_RULES.deleteKnown);
  }
  // The stop refers to the latest start: after a temporary stop and a restart, the old start is done.
  const latest = starts.reduce<KnownReport | undefined>(
    (a, s) => (a === undefined || s.beginDate > a.beginDate ? s : a),
    undefined,
  );
  if (!start || start !== latest) return refuse(REGIE_RULES.stopOfCurrentStart);
  if (stops.some((s) => s.reason !== TEMPORARY_STOP)) return refuse(REGIE_RULES.oneDefinitiveStop);
  if (incoming.reason === TEMPORARY_STOP && stops.some((s) => s.reason === TEMPORARY_STOP))
    return refuse(REGIE_RULES.oneTemporaryStop);
  if (stops.some((s) => s.endDate !== undefined && incoming.endDate < s.endDate))
    return refuse(REGIE_RULES.notBeforeEarlierStop);
  // Unreachable after TR413/TR415 while the key includes the reason, but it is the rule the key serves.
  if (stops.some((s) => s.reason === incoming.reason)) return refuse(REGIE_RULES.newKey);
  return {
    ok: true,
    effect: {
      kind: "add",
      report: {
        kind: "stop",
        beginDate: incoming.beginDate,
        endDate: incoming.endDate,
        reason: incoming.reason,
      },
    },
  };
}

/** The known reports after an effect, so the next product of the same message is judged on them. */
export function afterEffect(known: readonly KnownReport[], effect: RegieEffect, id: string): KnownReport[] {
  return effect.kind === "add"
    ? [...known, { ...effect.report, id }]
    : known.filter((r) => r.id !== effect.report.id);
}

/** A decision as the finding on its class in the retour. */
export const findingOf = (r: RegieRule, path: string): RuleFinding => ({
  rule: r.id,
  retourcode: r.retourcode,
  path,
  text: r.text,
});
