import { addDays, format, parseISO } from "date-fns";
import type { IsoDate } from "../domain/dates.ts";
import type { RuleFinding } from "./message-rules.ts";
import type { CDT_Omvang, Jw317Verzoek } from "./messages.generated.ts";
import { resolveContractedProduct } from "./vot.ts";

/**
 * A request for change (VOW, JW317) on the municipality's side, before the registry has its say. Pure:
 * the store gathers the client's current allocations with the provider and the contracts.
 *
 * A VOW describes the whole desired situation (IV092): every current allocation comes back as unchanged
 * or to be changed (TR349), and new products are added. The checks across messages give their retour
 * codes on the class they concern; when there are none, the plan says per product what the registry
 * must do, following the iJw rules for changing an allocation (§4.3, OP033x1, IV066, OP257, OP380):
 * end date, budget, and volume with frequency 6 change in place under the same number; any other change
 * ends the allocation the day before the desired date and issues a new one with a new number.
 *
 * A field left out of a TeWijzigenProduct keeps its allocated value: a request never opens an end date
 * or drops a volume by omission, so the municipality grants at most what was written.
 */

/** A current allocation of the client with this provider, as the registry knows it. */
export interface CurrentAllocation {
  id: string;
  nummer: number;
  category: string;
  code?: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  volume: number | null;
  unit: string | null;
  frequency: string | null;
  budget: number | null;
}

export interface ProductKey {
  category?: string;
  code?: string;
}

/** What the registry is asked to change on an allocation; only the fields that differ are present. */
export interface AllocationDelta {
  endDate?: IsoDate;
  volume?: number;
  unit?: string;
  frequency?: string;
  budget?: number;
}

export type PlannedProduct =
  | { kind: "ongewijzigd"; path: string; allocation: CurrentAllocation }
  /** Same ToewijzingNummer, RedenWijziging on the next JW301. */
  | { kind: "wijzigen"; path: string; allocation: CurrentAllocation; delta: AllocationDelta }
  /** The allocation ends the day before `from`; a new one with a new number starts on `from`. */
  | { kind: "vervangen"; path: string; allocation: CurrentAllocation; from: IsoDate; delta: AllocationDelta }
  | {
      kind: "nieuw";
      path: string;
      product: ProductKey;
      startDate: IsoDate;
      endDate?: IsoDate;
      omvang?: CDT_Omvang;
      budget?: number;
    };

export interface ChangeRequestCheck {
  /** Level-3 findings; when there are any, the plan must not be carried out. */
  findings: RuleFinding[];
  plan: PlannedProduct[];
}

const VERZOEK = "Client/Verzoek";
const ONGEWIJZIGD = `${VERZOEK}/OngewijzigdeProducten/OngewijzigdProduct`;
const TE_WIJZIGEN = `${VERZOEK}/TeWijzigenProducten/TeWijzigenProduct`;
const NIEUW = `${VERZOEK}/NieuweProducten/NieuwProduct`;

const dayBefore = (d: IsoDate) => format(addDays(parseISO(d), -1), "yyyy-MM-dd");
const overlaps = (a: Period, b: Period) =>
  (a.end === null || a.end >= b.start) && (b.end === null || b.end >= a.start);

interface Period {
  start: IsoDate;
  end: IsoDate | null;
}

/**
 * "The same product" for stacking (OP259, TR302, TR361): the same code; the same category when either
 * has no code (aspecific); anything at all when either has no product (generic).
 */
export function sameProduct(a: ProductKey, b: ProductKey): boolean {
  if (!a.category || !b.category) return true;
  if (a.category !== b.category) return false;
  return !a.code || !b.code || a.code === b.code;
}

const describe = (p: ProductKey) =>
  p.category ? `${p.category}${p.code ? `/${p.code}` : ""}` : "generiek product";

export function checkChangeRequest(
  verzoek: Jw317Verzoek,
  facts: {
    /** Dagtekening of the VOW: "in the past" for TR357 is before it. */
    dagtekening: IsoDate;
    /** The client's allocations with this provider that run on or after the day of receipt. */
    current: CurrentAllocation[];
  },
): ChangeRequestCheck {
  const findings: RuleFinding[] = [];
  const plan: PlannedProduct[] = [];
  const byNumber = new Map(facts.current.map((a) => [a.nummer, a]));
  const named = new Set<number>();
  // The same allocation named twice would be two desired states of one product at once (TR361).
  const nameOnce = (nummer: number, path: string) => {
    if (named.has(nummer)) {
      findings.push({
        rule: "TR361",
        retourcode: "9361",
        path,
        text: `Toewijzing ${nummer} komt meer dan eens voor in het verzoek.`,
      });
      return false;
    }
    named.add(nummer);
    return true;
  };

  (verzoek.OngewijzigdeProducten?.OngewijzigdProduct ?? []).forEach((p, i) => {
    const path = `${ONGEWIJZIGD}[${i + 1}]`;
    const allocation = byNumber.get(p.ToewijzingNummer);
    if (!allocation) {
      findings.push({
        rule: "TR350",
        retourcode: "9350",
        path,
        text: `Toewijzing ${p.ToewijzingNummer} is geen lopende toewijzing van deze cliënt bij deze aanbieder.`,
      });
      return;
    }
    if (nameOnce(p.ToewijzingNummer, path)) plan.push({ kind: "ongewijzigd", path, allocation });
  });

  (verzoek.TeWijzigenProducten?.TeWijzigenProduct ?? []).forEach((p, i) => {
    const path = `${TE_WIJZIGEN}[${i + 1}]`;
    const a = byNumber.get(p.ToewijzingNummer);
    if (!a) {
      findings.push({
        rule: "TR351",
        retourcode: "9351",
        path,
        text: `Toewijzing ${p.ToewijzingNummer} is geen lopende toewijzing van deze cliënt bij deze aanbieder.`,
      });
      return;
    }
    if (!nameOnce(p.ToewijzingNummer, path)) return;
    const wanted = p.GewensteIngangsdatum;
    if (wanted < facts.dagtekening && wanted !== a.startDate) {
      findings.push({
        rule: "TR357",
        retourcode: "9357",
        path,
        text: `De gewenste ingangsdatum ${wanted} ligt in het verleden en is niet de ingangsdatum ${a.startDate} van toewijzing ${a.nummer}.`,
      });
    }
    const delta: AllocationDelta = {};
    if (p.Einddatum !== undefined && p.Einddatum !== a.endDate) delta.endDate = p.Einddatum;
    if (p.Budget !== undefined && p.Budget !== a.budget) {
      delta.budget = p.Budget;
      // A budget covers the whole allocation period, so it changes from the allocation's own start.
      if (wanted !== a.startDate)
        findings.push({
          rule: "TR373",
          retourcode: "9373",
          path,
          text: `Bij een gewijzigd budget moet de gewenste ingangsdatum gelijk zijn aan de ingangsdatum ${a.startDate} van toewijzing ${a.nummer}.`,
        });
    }
    if (p.Omvang) {
      if (p.Omvang.Volume !== a.volume) delta.volume = p.Omvang.Volume;
      if (p.Omvang.Eenheid !== a.unit) delta.unit = p.Omvang.Eenheid;
      if (p.Omvang.Frequentie !== a.frequency) delta.frequency = p.Omvang.Frequentie;
    }
    if (Object.keys(delta).length === 0) {
      plan.push({ kind: "ongewijzigd", path, allocation: a });
      return;
    }
    // In place: end date, budget, and volume only when it is a total over the whole period (6).
    const inPlace =
      delta.unit === undefined &&
      delta.frequency === undefined &&
      (delta.volume === undefined || a.frequency === "6");
    plan.push(
      inPlace
        ? { kind: "wijzigen", path, allocation: a, delta }
        : { kind: "vervangen", path, allocation: a, from: wanted, delta },
    );
  });

  (verzoek.NieuweProducten?.NieuwProduct ?? []).forEach((p, i) => {
    plan.push({
      kind: "nieuw",
      path: `${NIEUW}[${i + 1}]`,
      product: p.Product
        ? { category: p.Product.Categorie, ...(p.Product.Code ? { code: p.Product.Code } : {}) }
        : {},
      startDate: p.GewensteIngangsdatum,
      ...(p.Einddatum ? { endDate: p.Einddatum } : {}),
      ...(p.Omvang ? { omvang: p.Omvang } : {}),
      ...(p.Budget !== undefined ? { budget: p.Budget } : {}),
    });
  });

  for (const a of facts.current) {
    if (!named.has(a.nummer))
      findings.push({
        rule: "TR349",
        retourcode: "9349",
        path: VERZOEK,
        text: `Het verzoek is niet volledig: lopende toewijzing ${a.nummer} staat niet bij de ongewijzigde of te wijzigen producten.`,
      });
  }

  findings.push(...overlapFindings(plan));
  return { findings, plan };
}

/** The products the plan leads to, each with its period and whether the request asks for it. */
function resultingProducts(plan: PlannedProduct[]) {
  return plan.flatMap((p): { path: string; product: ProductKey; period: Period; asked: boolean }[] => {
    if (p.kind === "nieuw")
      return [
        {
          path: p.path,
          product: p.product,
          period: { start: p.startDate, end: p.endDate ?? null },
          asked: true,
        },
      ];
    const a = p.allocation;
    const product = { category: a.category, ...(a.code ? { code: a.code } : {}) };
    const end = p.kind === "ongewijzigd" ? a.endDate : (p.delta.endDate ?? a.endDate);
    if (p.kind !== "vervangen")
      return [{ path: p.path, product, period: { start: a.startDate, end }, asked: p.kind === "wijzigen" }];
    return [
      { path: p.path, product, period: { start: a.startDate, end: dayBefore(p.from) }, asked: false },
      { path: p.path, product, period: { start: p.from, end }, asked: true },
    ];
  });
}

/** TR361: the desired situation may not hold the same product twice in overlapping periods. */
function overlapFindings(plan: PlannedProduct[]): RuleFinding[] {
  const products = resultingProducts(plan);
  const findings: RuleFinding[] = [];
  const flagged = new Set<string>();
  products.forEach((b, j) => {
    for (const a of products.slice(0, j)) {
      // Two allocations that already stand side by side are not this request's doing.
      if (a.path === b.path || (!a.asked && !b.asked)) continue;
      if (!sameProduct(a.product, b.product) || !overlaps(a.period, b.period)) continue;
      const at = b.asked ? b : a;
      if (flagged.has(at.path)) continue;
      flagged.add(at.path);
      findings.push({
        rule: "TR361",
        retourcode: "9361",
        path: at.path,
        text: `${describe(b.product)} overlapt in het verzoek met ${describe(a.product)} (${a.period.start} t/m ${a.period.end ?? "open"}).`,
      });
    }
  });
  return findings;
}

export type NewProductAnswer = ReturnType<typeof resolveContractedProduct>;

/** Which contracted registry product a NieuwProduct is: the same resolution as a VOT product's. */
export const resolveNewProduct = resolveContractedProduct;
