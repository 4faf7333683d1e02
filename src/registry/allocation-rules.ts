import { addDays, format, parseISO } from "date-fns";
import { addPeriod, type IsoDate, within } from "../domain/dates.ts";
import type { RegionModel } from "../rules/load.ts";

/**
 * The rules an allocation (toewijzing) must keep, checked against the same region model that gave the
 * advice (design.md §6). Pure: the store gathers the client's allocations and the contracts and writes
 * what this decides, in one transaction.
 */

export interface AllocationRequest {
  municipality: string;
  segment: string;
  product: string;
  providerAgb: string;
  startDate: IsoDate;
  endDate?: IsoDate;
}

export interface ExistingAllocation {
  id: string;
  number: string;
  segment: string;
  product: string;
  providerAgb: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
  status: "actief" | "beeindigd";
}

export interface Contract {
  providerAgb: string;
  regionId: string;
  segment: string;
  product: string | null;
  purchaseArea: string | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export interface Problem {
  field: string;
  value: unknown;
  reason: string;
  rule: string;
}

export interface AllocationDecision {
  problems: Problem[];
  /** Running allocations that this one ends (escalation), with the day they end and why. */
  ends: { id: string; number: string; endDate: IsoDate; reason: string }[];
  /** Task-based segment: no iJw allocation message (JW301) and no declaration. */
  taskBased: boolean;
  maxDuration?: string;
}

const dayBefore = (d: IsoDate) => format(addDays(parseISO(d), -1), "yyyy-MM-dd");
const overlaps = (
  aStart: IsoDate,
  aEnd: IsoDate | null | undefined,
  bStart: IsoDate,
  bEnd: IsoDate | null | undefined,
) => (!aEnd || aEnd >= bStart) && (!bEnd || bEnd >= aStart);

export function checkAllocation(
  req: AllocationRequest,
  model: RegionModel,
  existing: ExistingAllocation[],
  contracts: Contract[],
): AllocationDecision {
  const problems: Problem[] = [];
  const decision: AllocationDecision = { problems, ends: [], taskBased: false };
  const segment = model.segments.find((s) => s.id === req.segment);
  if (!segment) {
    problems.push({
      field: "segment",
      value: req.segment,
      reason: `bestaat niet in ${model.info.name} (segmenten: ${model.segments.map((s) => s.id).join(", ")})`,
      rule: "segment-bestaat",
    });
    return decision;
  }
  if (!within(req.startDate, segment.validFrom, segment.validTo)) {
    problems.push({
      field: "startDate",
      value: req.startDate,
      reason: `${segment.name} geldt niet op deze datum`,
      rule: "segment-geldig",
    });
  }
  const product = segment.products.find((p) => p.id === req.product);
  if (!product) {
    problems.push({
      field: "product",
      value: req.product,
      reason: `hoort niet bij ${segment.name} (producten: ${segment.products.map((p) => p.id).join(", ") || "geen"})`,
      rule: "product-in-segment",
    });
  }
  if (req.endDate && req.endDate < req.startDate) {
    problems.push({
      field: "endDate",
      value: req.endDate,
      reason: "ligt voor de startdatum",
      rule: "periode",
    });
  }
  const member = model.municipalities.find(
    (m) => m.cbs === req.municipality && within(req.startDate, m.from, m.to),
  );
  if (!member) {
    problems.push({
      field: "municipality",
      value: req.municipality,
      reason: `hoort op ${req.startDate} niet bij ${model.info.name}`,
      rule: "gemeente-in-regio",
    });
  } else if (member.segments && !member.segments.includes(segment.id)) {
    problems.push({
      field: "segment",
      value: segment.id,
      reason: `${member.name} koopt ${segment.name} niet via ${model.info.name} in`,
      rule: "gemeente-in-regio",
    });
  }

  // Maximum duration: the product's own, else the segment's; an allocation must then have an end date.
  const max = product?.maxDuration ?? segment.duration.max;
  if (max) {
    decision.maxDuration = max;
    const latest = dayBefore(addPeriod(req.startDate, max));
    if (!req.endDate) {
      problems.push({
        field: "endDate",
        value: null,
        reason: `is verplicht: dit product duurt maximaal ${max} (uiterlijk ${latest})`,
        rule: "maximale-duur",
      });
    } else if (req.endDate > latest) {
      problems.push({
        field: "endDate",
        value: req.endDate,
        reason: `ligt na ${latest}: dit product duurt maximaal ${max}`,
        rule: "maximale-duur",
      });
    }
  }

  // No two allocations of the same product to the same provider in overlapping periods.
  for (const a of existing) {
    if (a.product !== req.product || a.providerAgb !== req.providerAgb) continue;
    if (overlaps(a.startDate, a.endDate, req.startDate, req.endDate)) {
      problems.push({
        field: "startDate",
        value: req.startDate,
        reason: `overlapt met toewijzing ${a.number} (${a.startDate} t/m ${a.endDate ?? "open"}) van hetzelfde product bij dezelfde aanbieder`,
        rule: "geen-overlap",
      });
    }
  }

  // A segment that a running allocation's segment includes (segment 1 includes 3 and 4) is not allocated beside it.
  for (const a of existing) {
    const above = model.segments.find((s) => s.id === a.segment);
    if (!above?.supersedes.includes(segment.id)) continue;
    if (overlaps(a.startDate, a.endDate, req.startDate, req.endDate)) {
      problems.push({
        field: "segment",
        value: segment.id,
        reason: `valt onder ${above.name}: toewijzing ${a.number} loopt ${a.startDate} t/m ${a.endDate ?? "open"}`,
        rule: "opgeschaald",
      });
    }
  }

  // The provider must be contracted for the segment, the product and the purchase area of the municipality.
  const area = segment.purchaseAreas.find((a) => a.municipalities.includes(req.municipality))?.id ?? null;
  const contracted = contracts.some(
    (c) =>
      c.providerAgb === req.providerAgb &&
      c.regionId === model.info.id &&
      c.segment === segment.id &&
      (c.product === null || c.product === req.product) &&
      (c.purchaseArea === null || c.purchaseArea === area) &&
      within(req.startDate, c.validFrom, c.validTo ?? undefined),
  );
  if (!contracted) {
    problems.push({
      field: "providerAgb",
      value: req.providerAgb,
      reason: `is op ${req.startDate} niet gecontracteerd voor ${segment.name}, product ${req.product}${area ? `, inkoopgebied ${area}` : ""}`,
      rule: "aanbieder-gecontracteerd",
    });
  }

  decision.taskBased = segment.financing.type === "taakgericht";

  // Escalation: a segment that includes others (segment 1 in Hart van Brabant) ends their running allocations.
  for (const a of existing) {
    if (segment.supersedes.includes(a.segment) && (!a.endDate || a.endDate >= req.startDate)) {
      decision.ends.push({
        id: a.id,
        number: a.number,
        endDate: dayBefore(req.startDate) < a.startDate ? a.startDate : dayBefore(req.startDate),
        reason: `opschaling naar ${segment.name}: ${segment.supersedesReason ?? "de lopende toewijzing wordt afgesloten"}`,
      });
    }
  }
  return decision;
}
