import {
  addDays,
  differenceInCalendarDays,
  endOfMonth,
  format,
  getISODay,
  parseISO,
  startOfISOWeek,
} from "date-fns";
import type { IsoDate } from "../domain/dates.ts";
import { type RuleFinding, XSLT_REJECTION } from "./message-rules.ts";
import type {
  Berichten,
  CDT_TotaalBedragMetDC,
  Jw323Prestatie,
  Jw325Client,
  LDT_RetourCode,
} from "./messages.generated.ts";
import { NO_REMARK } from "./retour.ts";
import { ijwSchema } from "./schemas.ts";

/**
 * The municipality's judgement of a declaration (JW323) against its allocations, and the answer
 * (JW325) that follows from it. Pure: the store gathers the facts (allocations, earlier lines) and
 * keeps the outcome. Each prestatie is approved or rejected as a whole (ijw-3.2.md §2.8); the answer
 * lists only the rejected ones with their codes (TR342, OP304), or says 8001 when nothing was rejected
 * (IV087). Sources: ../shared/docs/ijw-3.2.md §2.8, §3 (WJ001), §4.6, §4.7; IV076/IV077 for weeks.
 *
 * Volume per product period (TR321), with the period first clipped to the allocation:
 * - per day (1): volume × calendar days;
 * - per week (2), effort-based: volume × the calendar weeks (ISO week numbers) the period touches, so a
 *   whole month gives 4, 5 or 6 weeks (IV077);
 * - per week (2), output-based (unit 82 stuks or 83 euro's): volume × the Sundays in the period, plus
 *   one week in the period holding the allocation's last Sunday when the allocation does not end on a
 *   Sunday (IV077);
 * - per month (4): volume once per calendar month, not pro rata for a part month;
 * - total (6): the whole volume.
 * Over the whole allocation (TR322) the same count runs over its full term; an open-ended allocation
 * with frequency 1, 2 or 4 has no total to exceed. Units are never converted into each other: a
 * different unit is 9341.
 */

export interface DeclarationRule {
  id: string;
  retourcode: string;
  text: string;
}

const rule = (id: string, retourcode: string, text: string): DeclarationRule => ({ id, retourcode, text });

export const RULES = {
  referenceUsed: rule(
    "TR314",
    "8021",
    "Het referentienummer van deze prestatie is al eerder gebruikt. Geef elke prestatie een nieuw nummer.",
  ),
  creditWithoutDebit: rule(
    "TR323",
    "8017",
    "Deze creditregel hoort niet bij een eerder goedgekeurde debetregel met dezelfde gegevens (VorigReferentieNummer).",
  ),
  alreadyCredited: rule(
    "TR390",
    "9390",
    "De debetregel waar deze creditregel bij hoort, is al gecrediteerd.",
  ),
  debitWithoutCredit: rule(
    "TR389",
    "9389",
    "Voor deze toewijzing en productperiode is al een debetregel goedgekeurd. Crediteer die eerst; stuur daarna de nieuwe debetregel.",
  ),
  notLinked: rule(
    "TR338",
    "9338",
    "Het toewijzingnummer hoort bij geen toewijzing van deze gemeente aan deze aanbieder.",
  ),
  otherClient: rule("OP276", "8187", "De toewijzing hoort bij een andere cliënt dan deze prestatie."),
  taskBased: rule(
    "OP261",
    "9338",
    "Dit is taakgerichte jeugdhulp. Daarvoor declareert u niet via iJw: er is geen toewijzing om op te declareren.",
  ),
  deleted: rule("TR384", "9384", "Deze toewijzing is verwijderd (reden 13). U kunt er niet op declareren."),
  category: rule("TR339", "9339", "De productcategorie is niet dezelfde als in de toewijzing."),
  code: rule("TR340", "9340", "De productcode is niet dezelfde als in de toewijzing."),
  unit: rule("TR341", "9341", "De eenheid is niet dezelfde als in de toewijzing."),
  tariff: rule("TR418", "0611", "Het producttarief is niet het tarief dat in het contract staat."),
  beginOutside: rule(
    "TR307",
    "9307",
    "De begindatum van de productperiode ligt buiten de periode van de toewijzing.",
  ),
  endOutside: rule(
    "TR308",
    "9308",
    "De einddatum van de productperiode ligt buiten de periode van de toewijzing.",
  ),
  beginRule: rule(
    "TR387",
    "9387",
    "De productperiode begint op de eerste dag van de maand, of op de ingangsdatum van de toewijzing als die later in die maand ligt.",
  ),
  endRule: rule(
    "TR388",
    "9388",
    "De productperiode eindigt op de laatste dag van de maand, of op de einddatum van de toewijzing als die eerder in die maand ligt.",
  ),
  volumeInPeriod: rule(
    "TR321",
    "9321",
    "Het geleverde volume is hoger dan de toewijzing voor deze productperiode toestaat.",
  ),
  volumeInTotal: rule(
    "TR322",
    "9322",
    "Alle gedeclareerde volumes samen zijn hoger dan het volume van de hele toewijzing.",
  ),
  budget: rule(
    "TR369",
    "9369",
    "Alle gedeclareerde bedragen samen zijn hoger dan het budget van de toewijzing.",
  ),
  numberUsed: rule(
    "TR333",
    "9333",
    "Dit declaratienummer is al eerder gebruikt. Stuur de declaratie opnieuw met een nieuw declaratienummer.",
  ),
} as const satisfies Record<string, DeclarationRule>;

/** Every rule of this module, for lists and tests. */
export const DECLARATION_RULES: DeclarationRule[] = Object.values(RULES);

export const FULLY_GRANTED = "8001";

/** An allocation as the judgement needs it; number is the ToewijzingNummer (T1000001 ⇒ 1000001). */
export interface AllocationFacts {
  nummer: number;
  clientId: string;
  /** The iJw product; null when the allocation was never sent as an iJw toewijzing. */
  category: string | null;
  code: string | null;
  start: IsoDate;
  end: IsoDate | null;
  volume: number | null;
  unit: string | null;
  frequency: string | null;
  /** Euro cents. */
  budget: number | null;
  taskBased: boolean;
  /** Deleted with RedenWijziging 13: counts as never sent. */
  deleted: boolean;
  /** The contract's tariff for this product in euro cents per unit; null when the contract names none. */
  tariff: number | null;
}

/** A prestatie the municipality received before, approved or not. */
export interface EarlierLine {
  referentie: string;
  vorigReferentie: string | null;
  clientId: string | null;
  toewijzingNummer: number;
  category: string;
  code: string;
  begin: IsoDate;
  end: IsoDate;
  volume: number;
  /** Euro cents, as declared (never negative); credit says which way. */
  amount: number;
  credit: boolean;
  approved: boolean;
}

export interface DeclarationFacts {
  /** The provider used this DeclaratieNummer before (OP349). */
  numberUsed: boolean;
  /** Per Client of the message, in order: the registry's client with that BSN, if any. */
  clientIds: (string | undefined)[];
  /** The municipality's allocations to this provider with the declared numbers. */
  allocations: AllocationFacts[];
  /** The provider's earlier prestaties to this municipality that share a reference or an allocation. */
  earlier: EarlierLine[];
}

export interface PrestatieJudgement {
  /** Class path in the 323: "Declaratie/Clienten/Client[1]/Prestaties/Prestatie[2]". */
  path: string;
  clientIndex: number;
  clientId?: string;
  prestatie: Jw323Prestatie;
  /** The allocation it was checked against, if it could be linked. */
  allocation?: number;
  approved: boolean;
  findings: RuleFinding[];
}

export interface DeclarationJudgement {
  /** Codes on the JW325 header: 0200, or what rejects the whole message (0001, 8848). */
  headerCodes: string[];
  /** The whole message is refused: the answer is the header alone and nothing is kept. */
  refused: boolean;
  /** 8001 when nothing was rejected, 9333 for a used number, else 0200. */
  answerCodes: string[];
  prestaties: PrestatieJudgement[];
  /** Euro cents, debet minus credit. */
  submitted: number;
  granted: number;
}

export const signedAmount = (x: { Bedrag: number; DebetCredit: string }) =>
  x.DebetCredit === "C" ? -x.Bedrag : x.Bedrag;

const toTotal = (cents: number): CDT_TotaalBedragMetDC => ({
  TotaalBedrag: Math.abs(cents),
  // An amount of 0 is debet (CS325).
  DebetCredit: cents < 0 ? "C" : "D",
});

const date = (d: IsoDate) => parseISO(d);
const iso = (d: Date) => format(d, "yyyy-MM-dd");
const firstOfMonth = (d: IsoDate) => `${d.slice(0, 7)}-01`;
const lastOfMonth = (d: IsoDate) => iso(endOfMonth(date(d)));
const later = (a: IsoDate, b: IsoDate) => (a > b ? a : b);
const earlier = (a: IsoDate, b: IsoDate) => (a < b ? a : b);
const days = (from: IsoDate, to: IsoDate) => differenceInCalendarDays(date(to), date(from)) + 1;
const isoWeeks = (from: IsoDate, to: IsoDate) =>
  differenceInCalendarDays(startOfISOWeek(date(to)), startOfISOWeek(date(from))) / 7 + 1;
const months = (from: IsoDate, to: IsoDate) =>
  Number(to.slice(0, 4)) * 12 +
  Number(to.slice(5, 7)) -
  (Number(from.slice(0, 4)) * 12 + Number(from.slice(5, 7))) +
  1;

function sundays(from: IsoDate, to: IsoDate): number {
  const first = addDays(date(from), (7 - getISODay(date(from))) % 7);
  const span = differenceInCalendarDays(date(to), first);
  return span < 0 ? 0 : Math.floor(span / 7) + 1;
}

/** Units of output-based care, counted per week by Sundays (IV077). */
const OUTPUT_UNITS = new Set(["82", "83"]);

/** The most that may be declared in [from, to] under the allocation's Omvang; undefined: no limit. */
export function maxVolume(a: AllocationFacts, from: IsoDate, to: IsoDate): number | undefined {
  if (a.volume === null || a.frequency === null) return undefined;
  const begin = later(from, a.start);
  const end = a.end ? earlier(to, a.end) : to;
  if (begin > end) return 0;
  switch (a.frequency) {
    case "1":
      return a.volume * days(begin, end);
    case "2": {
      if (!OUTPUT_UNITS.has(a.unit ?? "")) return a.volume * isoWeeks(begin, end);
      let weeks = sundays(begin, end);
      if (a.end && getISODay(date(a.end)) !== 7) {
        const lastSunday = iso(addDays(date(a.end), -getISODay(date(a.end))));
        if (lastSunday >= a.start && lastSunday >= begin && lastSunday <= end) weeks += 1;
      }
      return a.volume * weeks;
    }
    case "4":
      return a.volume * months(begin, end);
    case "6":
      return a.volume;
    default:
      return undefined;
  }
}

/** The most that may be declared over the whole allocation; undefined when it has no end to count to. */
export function maxVolumeOverall(a: AllocationFacts): number | undefined {
  if (a.frequency === "6") return a.volume ?? undefined;
  return a.end ? maxVolume(a, a.start, a.end) : undefined;
}

const sameKey = (
  line: Pick<EarlierLine, "toewijzingNummer" | "category" | "code" | "begin" | "end">,
  p: Jw323Prestatie,
) =>
  line.toewijzingNummer === p.ToewijzingNummer &&
  line.category === p.ProductCategorie &&
  line.code === p.ProductCode &&
  line.begin === p.ProductPeriode.Begindatum &&
  line.end === p.ProductPeriode.Einddatum;

const asLine = (p: Jw323Prestatie, clientId: string | undefined, approved: boolean): EarlierLine => ({
  referentie: p.ProductReferentie.ReferentieNummer,
  vorigReferentie: p.ProductReferentie.VorigReferentieNummer ?? null,
  clientId: clientId ?? null,
  toewijzingNummer: p.ToewijzingNummer,
  category: p.ProductCategorie,
  code: p.ProductCode,
  begin: p.ProductPeriode.Begindatum,
  end: p.ProductPeriode.Einddatum,
  volume: p.GeleverdVolume,
  amount: p.IngediendBedrag.Bedrag,
  credit: p.IngediendBedrag.DebetCredit === "C",
  approved,
});

const signedLine = (l: EarlierLine) => (l.credit ? -l.amount : l.amount);

const isPrestatiePath = (path: string) => /^Declaratie\/Clienten\/Client\[\d+\]/.test(path);

/**
 * The header codes of in-message findings that refuse the whole declaration: the XSLT level (0001)
 * whatever it is on, and any code outside the clients (8848 on the header), as in a retour. Empty: the
 * findings, if any, each reject one prestatie.
 */
export function refusalCodes(inMessage: RuleFinding[]): string[] {
  if (inMessage.some((f) => f.retourcode === XSLT_REJECTION)) return [XSLT_REJECTION];
  return [...new Set(inMessage.filter((f) => !isPrestatiePath(f.path)).map((f) => f.retourcode))];
}

/**
 * Judges every prestatie in message order. Lines approved earlier in the same message count for the
 * sums (TR322, TR369) and for a second debet (TR389), but a credit in the same message does not make
 * room for a new debet, nor is a debet in the same message a known debet for a credit: credit and
 * debet of one line belong in separate messages (TR316).
 */
export function judgeDeclaration(
  bericht: Berichten["JW323"],
  facts: DeclarationFacts,
  inMessage: RuleFinding[] = [],
): DeclarationJudgement {
  const d = bericht.Declaratie;
  const submitted = signedAmount({
    Bedrag: d.TotaalIngediendBedrag.TotaalBedrag,
    DebetCredit: d.TotaalIngediendBedrag.DebetCredit,
  });
  const list: PrestatieJudgement[] = d.Clienten.Client.flatMap((c, ci) =>
    c.Prestaties.Prestatie.map((prestatie, pi) => ({
      path: `Declaratie/Clienten/Client[${ci + 1}]/Prestaties/Prestatie[${pi + 1}]`,
      clientIndex: ci,
      ...(facts.clientIds[ci] ? { clientId: facts.clientIds[ci] } : {}),
      prestatie,
      approved: false,
      findings: [],
    })),
  );
  const refusal = refusalCodes(inMessage);
  if (refusal.length > 0)
    return { headerCodes: refusal, refused: true, answerCodes: [], prestaties: list, submitted, granted: 0 };
  if (facts.numberUsed) {
    const f = RULES.numberUsed;
    for (const j of list)
      j.findings.push({ rule: f.id, retourcode: f.retourcode, path: "Declaratie", text: f.text });
    return {
      headerCodes: [NO_REMARK],
      refused: false,
      answerCodes: [f.retourcode],
      prestaties: list,
      submitted,
      granted: 0,
    };
  }

  const byNumber = new Map(facts.allocations.map((a) => [a.nummer, a]));
  const approvedBefore = facts.earlier.filter((l) => l.approved);
  const creditedBefore = new Set(
    approvedBefore.filter((l) => l.credit && l.vorigReferentie !== null).map((l) => l.vorigReferentie!),
  );
  const approvedHere: EarlierLine[] = [];
  const usedHere = new Set<string>();

  for (const j of list) {
    const p = j.prestatie;
    const hit = (r: DeclarationRule) =>
      j.findings.push({ rule: r.id, retourcode: r.retourcode, path: j.path, text: r.text });
    // Class-level findings of the in-message rules (9319, 9346) reject this prestatie only.
    const client = `Declaratie/Clienten/Client[${j.clientIndex + 1}]`;
    for (const f of inMessage)
      if (f.path === client || f.path === j.path || f.path.startsWith(`${j.path}/`))
        j.findings.push({ ...f, path: j.path });
    const ref = p.ProductReferentie.ReferentieNummer;
    if (usedHere.has(ref) || facts.earlier.some((l) => l.referentie === ref)) hit(RULES.referenceUsed);
    usedHere.add(ref);

    if (p.IngediendBedrag.DebetCredit === "C") {
      const vorig = p.ProductReferentie.VorigReferentieNummer ?? "";
      const debit = approvedBefore.find((l) => l.referentie === vorig && !l.credit);
      // A credit takes back the whole debet line: same client, key, volume and amount.
      if (
        !debit ||
        debit.clientId !== (j.clientId ?? null) ||
        !sameKey(debit, p) ||
        debit.volume !== p.GeleverdVolume ||
        debit.amount !== p.IngediendBedrag.Bedrag
      )
        hit(RULES.creditWithoutDebit);
      else if (creditedBefore.has(vorig) || approvedHere.some((l) => l.credit && l.vorigReferentie === vorig))
        hit(RULES.alreadyCredited);
      if (debit) j.allocation = debit.toewijzingNummer;
    } else {
      const a = byNumber.get(p.ToewijzingNummer);
      if (!a || a.category === null) hit(RULES.notLinked);
      else if (a.clientId !== j.clientId) hit(RULES.otherClient);
      else if (a.taskBased) hit(RULES.taskBased);
      else if (a.deleted) hit(RULES.deleted);
      else {
        j.allocation = a.nummer;
        judgeAgainstAllocation(p, a, hit, [...approvedBefore, ...approvedHere], creditedBefore);
      }
    }
    j.approved = j.findings.length === 0;
    if (j.approved) approvedHere.push(asLine(p, j.clientId, true));
  }
  for (const j of list) j.findings = dedupe(j.findings);
  const rejected = list.filter((j) => !j.approved);
  const granted = submitted - rejected.reduce((sum, j) => sum + signedAmount(j.prestatie.IngediendBedrag), 0);
  return {
    headerCodes: [NO_REMARK],
    refused: false,
    answerCodes: [rejected.length === 0 ? FULLY_GRANTED : NO_REMARK],
    prestaties: list,
    submitted,
    granted,
  };
}

function judgeAgainstAllocation(
  p: Jw323Prestatie,
  a: AllocationFacts,
  hit: (r: DeclarationRule) => void,
  approved: EarlierLine[],
  creditedBefore: Set<string>,
) {
  if (p.ProductCategorie !== a.category) hit(RULES.category);
  if (a.code !== null && p.ProductCode !== a.code) hit(RULES.code);
  if (a.unit !== null && p.Eenheid !== a.unit) hit(RULES.unit);
  if (a.tariff !== null && p.ProductTarief !== undefined && p.ProductTarief !== a.tariff) hit(RULES.tariff);
  const { Begindatum: begin, Einddatum: end } = p.ProductPeriode;
  const outside = (x: IsoDate) => x < a.start || (a.end !== null && x > a.end);
  if (outside(begin)) hit(RULES.beginOutside);
  if (outside(end)) hit(RULES.endOutside);
  if (begin !== later(firstOfMonth(begin), a.start)) hit(RULES.beginRule);
  if (end !== (a.end ? earlier(lastOfMonth(end), a.end) : lastOfMonth(end))) hit(RULES.endRule);

  // A debet already approved for the same line must be credited (in an earlier message) first.
  if (approved.some((l) => !l.credit && sameKey(l, p) && !creditedBefore.has(l.referentie)))
    hit(RULES.debitWithoutCredit);

  const perPeriod = maxVolume(a, begin, end);
  if (perPeriod !== undefined && p.Eenheid === a.unit && p.GeleverdVolume > perPeriod)
    hit(RULES.volumeInPeriod);
  const onAllocation = approved.filter((l) => l.toewijzingNummer === a.nummer);
  const overall = maxVolumeOverall(a);
  if (overall !== undefined && p.Eenheid === a.unit) {
    // Credits take their volume back.
    const declared = onAllocation.reduce((sum, l) => sum + (l.credit ? -l.volume : l.volume), 0);
    if (declared + p.GeleverdVolume > overall) hit(RULES.volumeInTotal);
  }
  if (a.budget !== null) {
    // TR369 speaks of the budget in euro cents, so the amounts count, not the volumes.
    const spent = onAllocation.reduce((sum, l) => sum + signedLine(l), 0);
    if (spent + p.IngediendBedrag.Bedrag > a.budget) hit(RULES.budget);
  }
}

function dedupe(findings: RuleFinding[]): RuleFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}:${f.retourcode}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const codesOf = (findings: RuleFinding[]) => [...new Set(findings.map((f) => f.retourcode))];

/**
 * The JW325 for a judged declaration: header with DeclaratieIdentificatie and XsdVersieDeclaratie of
 * the 323; the header alone when the whole message is refused; otherwise both totals and only the
 * rejected prestaties, each with its codes.
 */
export function buildJw325(
  declaration: Berichten["JW323"],
  judgement: DeclarationJudgement,
  id: { identificatie: string; dagtekening: IsoDate },
): Berichten["JW325"] {
  const h = declaration.Header;
  const schema = ijwSchema("JW325");
  const header: Berichten["JW325"]["Header"] = {
    BerichtCode: "491",
    BerichtVersie: 3,
    BerichtSubversie: 2,
    Afzender: h.Ontvanger,
    Ontvanger: h.Afzender,
    BerichtIdentificatie: { Identificatie: id.identificatie, Dagtekening: id.dagtekening },
    XsdVersie: {
      BasisschemaXsdVersie: schema.xsdVersion.basisschema,
      BerichtXsdVersie: schema.xsdVersion.bericht,
    },
    DeclaratieIdentificatie: h.BerichtIdentificatie,
    XsdVersieDeclaratie: h.XsdVersie,
    RetourCodes: { RetourCode: judgement.headerCodes as LDT_RetourCode[] },
  };
  if (judgement.refused) return { Header: header };
  const clients: Jw325Client[] = [];
  declaration.Declaratie.Clienten.Client.forEach((c, ci) => {
    const rejected = judgement.prestaties.filter((j) => j.clientIndex === ci && !j.approved);
    if (rejected.length === 0) return;
    clients.push({
      Bsn: c.Bsn,
      Prestaties: {
        Prestatie: rejected.map((j) => ({
          ...j.prestatie,
          RetourCodes: { RetourCode: codesOf(j.findings) as LDT_RetourCode[] },
        })),
      },
      RetourCodes: { RetourCode: [NO_REMARK] },
    });
  });
  return {
    Header: header,
    DeclaratieAntwoord: {
      DeclaratieNummer: declaration.Declaratie.DeclaratieNummer,
      TotaalIngediendBedrag: declaration.Declaratie.TotaalIngediendBedrag,
      TotaalToegekendBedrag: toTotal(judgement.granted),
      ...(clients.length > 0 ? { Clienten: { Client: clients } } : {}),
      RetourCodes: { RetourCode: judgement.answerCodes as LDT_RetourCode[] },
    },
  };
}
