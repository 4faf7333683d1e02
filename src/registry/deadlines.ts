import { addWeeks } from "date-fns";
import { addWorkingDays, parseDay } from "../domain/calendar.ts";
import { toIso, type IsoDate } from "../domain/dates.ts";

/**
 * The deadlines the registry keeps, as data, with the rules that compute their due dates. Pure.
 *
 * - start-segment-1: Segment 1 care starts within 6 weeks after registration (aanmelding), otherwise the
 *   coalition arranges bridging care. A regional agreement, not a statutory term, so the Algemene
 *   termijnenwet does not move a due date that falls on a holiday.
 * - antwoord-verzoek: the municipality answers a verzoek om toewijzing (JW315) with a toewijzing (JW301)
 *   or an antwoordbericht (JW319) within 5 working days.
 * - besluit-na-onderzoek: a request answered "in onderzoek" (JW319, VerzoekAntwoord 2) gets its final
 *   answer (JW301 or a refusing JW319) within 8 weeks.
 * - retour-ontvangen: every heenbericht the municipality sends gets its retour within 3 working days
 *   (OP090); the sender chases a missing one.
 * - melding-start / melding-stop: the provider sends the startbericht (JW305) / stopbericht (JW307)
 *   within 5 working days after the actual start / end of care.
 * Working days follow `src/domain/calendar.ts` (Algemene termijnenwet); the day of the event itself
 * does not count.
 */

export type DeadlineKind =
  | "start-segment-1"
  | "antwoord-verzoek"
  | "besluit-na-onderzoek"
  | "retour-ontvangen"
  | "melding-start"
  | "melding-stop";

export interface Deadline {
  /** "regio": a dated deadline of the region model, as the advice gave it (the model is its source). */
  kind: DeadlineKind | "regio";
  subjectId: string;
  /** CBS code of the municipality responsible (as in iJw). */
  municipality: string;
  /** The event the term runs from (registration, request received, start or end of care). */
  from: IsoDate;
  due: IsoDate;
  /** The day it was done; absent while open. */
  doneOn?: IsoDate;
  /** What must happen, in Dutch. */
  label: string;
  /** What follows when the deadline is missed, in Dutch. */
  consequence?: string;
  source: string;
}

export type DeadlineStatus = "open" | "te-laat" | "op-tijd" | "te-laat-afgerond";

/** Segment 1: care starts no later than `weeks` weeks after registration (date-fns addWeeks). */
export function startWithinWeeks(registration: IsoDate, weeks = 6): IsoDate {
  if (!Number.isInteger(weeks) || weeks < 0) {
    throw new RangeError(`aantal weken moet een geheel getal ≥ 0 zijn, niet ${weeks}`);
  }
  return toIso(addWeeks(parseDay(registration), weeks));
}

/** iJw: a JW315 received on `received` gets a JW301 or JW319 within 5 working days. */
export function answerRequestDue(received: IsoDate): IsoDate {
  return addWorkingDays(received, 5);
}

/** iJw: the startbericht (JW305) within 5 working days after the actual start of care. */
export function reportStartDue(started: IsoDate): IsoDate {
  return addWorkingDays(started, 5);
}

/** iJw: the stopbericht (JW307) within 5 working days after the actual end of care. */
export function reportStopDue(stopped: IsoDate): IsoDate {
  return addWorkingDays(stopped, 5);
}

interface DeadlineRule {
  label: string;
  consequence?: string;
  source: string;
  due: (from: IsoDate) => IsoDate;
}

/** Label, consequence, source and due-date rule of each kind. */
export const DEADLINE_RULES: Readonly<Record<DeadlineKind, DeadlineRule>> = {
  "start-segment-1": {
    label: "Start van de zorg in segment 1 (binnen 6 weken na aanmelding)",
    consequence: "Start de zorg later, dan regelt de coalitie overbruggingszorg.",
    source:
      "Regio Hart van Brabant, Segment 1 (000_cf04aec72be2986f.txt): 'De start van de zorg is na aanmelding niet langer dan 6 weken. Is dit wel het geval? Dan moet de coalitie overbruggingszorg regelen.'",
    due: (from) => startWithinWeeks(from),
  },
  "antwoord-verzoek": {
    label:
      "Verzoek om toewijzing (JW315) of om wijziging (JW317) beantwoorden met een toewijzing (JW301) of antwoordbericht (JW319)",
    source:
      "iStandaarden iJw 3.2: een verzoek om toewijzing wordt binnen 5 werkdagen na ontvangst beantwoord",
    due: answerRequestDue,
  },
  "besluit-na-onderzoek": {
    label: "Verzoek in onderzoek afronden met een toewijzing (JW301) of een afwijzing (JW319)",
    source:
      "iStandaarden iJw 3.2: na het antwoord 'aanvraag in onderzoek' volgt binnen 8 weken een toewijzing of afwijzing",
    due: (from) => toIso(addWeeks(parseDay(from), 8)),
  },
  "retour-ontvangen": {
    label: "Retourbericht van de aanbieder ontvangen op een verzonden bericht (anders navragen)",
    source:
      "iStandaarden iJw 3.2, bedrijfsregel OP090: een retourbericht volgt binnen 3 werkdagen na ontvangst",
    due: (from) => addWorkingDays(from, 3),
  },
  "melding-start": {
    label: "Startbericht (JW305) sturen na de start van de zorg",
    source: "iStandaarden iJw 3.2: de aanbieder verzendt een startbericht binnen vijf werkdagen na de start",
    due: reportStartDue,
  },
  "melding-stop": {
    label: "Stopbericht (JW307) sturen na het einde van de zorg",
    source:
      "iStandaarden iJw 3.2, bedrijfsregel OP272: de aanbieder verzendt een stopbericht binnen vijf werkdagen na de daadwerkelijke datum waarop de ondersteuning beëindigd is",
    due: reportStopDue,
  },
};

/** A deadline of `kind` running from `from`, with its due date, label, consequence and source. */
export function deadlineFor(
  kind: DeadlineKind,
  event: { subjectId: string; municipality: string; from: IsoDate; doneOn?: IsoDate },
): Deadline {
  const rule = DEADLINE_RULES[kind];
  const deadline: Deadline = {
    kind,
    subjectId: event.subjectId,
    municipality: event.municipality,
    from: event.from,
    due: rule.due(event.from),
    label: rule.label,
    source: rule.source,
  };
  if (event.doneOn !== undefined) deadline.doneOn = event.doneOn;
  if (rule.consequence !== undefined) deadline.consequence = rule.consequence;
  return deadline;
}

/**
 * Done: "op-tijd" when done on or before the due date, else "te-laat-afgerond". Not done: "open" up to
 * and including the due date, "te-laat" from the day after.
 */
export function deadlineStatus(d: Deadline, today: IsoDate): DeadlineStatus {
  if (d.doneOn !== undefined) return d.doneOn <= d.due ? "op-tijd" : "te-laat-afgerond";
  return today <= d.due ? "open" : "te-laat";
}

/**
 * The deadlines due strictly before `date` (done or not; filter with `deadlineStatus` for a work
 * list), sorted by due date, then subject and kind. Returns a new array.
 */
export function dueBefore(list: readonly Deadline[], date: IsoDate): Deadline[] {
  return list
    .filter((d) => d.due < date)
    .sort((a, b) => compare(a.due, b.due) || compare(a.subjectId, b.subjectId) || compare(a.kind, b.kind));
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
