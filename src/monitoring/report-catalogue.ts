import type { IsoDate } from "../domain/dates.ts";
import type { RegionModel } from "../rules/load.ts";

/**
 * What the reports need from the region models, as plain rows the store can join in SQL: the registry
 * keeps only a product id per allocation, while subsegment, care forms, maximum duration, financing,
 * budget ceiling and the start norm live in the models (regions/<id>/segments.yaml). Pure: the caller
 * loads the models.
 */

export interface CatalogueProduct {
  regionId: string;
  segment: string;
  product: string;
  /** null: the model gives the product no subsegment */
  subsegment: string | null;
  /** The care forms (zorgvormen) the model lists for the product; may be empty. */
  careForms: string[];
  /** ISO 8601 duration (P5Y, P18M); the product's own maximum, else the segment's; null: none. */
  maxDuration: string | null;
}

export interface CatalogueSegment {
  regionId: string;
  segment: string;
  financing: "taakgericht" | "pxq" | "trajectprijs" | "onbekend";
  /** The parameter the ceiling comes from (without $), and its dated values. */
  budgetCeiling: { parameter: string; values: { from: IsoDate; to?: IsoDate; value: unknown }[] } | null;
  /** The first deadline counted from the referral (aanmelding), e.g. Segment 1's P6W; null: none. */
  startNorm: { id: string; period: string; label: string; quote: string | null } | null;
}

export interface ReportCatalogue {
  products: CatalogueProduct[];
  segments: CatalogueSegment[];
}

export function reportCatalogue(models: RegionModel[]): ReportCatalogue {
  const products: CatalogueProduct[] = [];
  const segments: CatalogueSegment[] = [];
  for (const model of models) {
    if (model.info.kind !== "region") continue;
    const regionId = model.info.id;
    for (const s of model.segments) {
      for (const p of s.products) {
        products.push({
          regionId,
          segment: s.id,
          product: p.id,
          subsegment: p.subsegment ?? null,
          careForms: p.careForms,
          maxDuration: p.maxDuration ?? s.duration.max ?? null,
        });
      }
      const ceiling = s.financing.budgetCeiling?.replace(/^\$/, "");
      const parameter = ceiling ? model.parameters[ceiling] : undefined;
      const norm = s.deadlines.find((d) => d.from === "aanmelding");
      segments.push({
        regionId,
        segment: s.id,
        financing: s.financing.type,
        budgetCeiling:
          ceiling && parameter
            ? {
                parameter: ceiling,
                values: parameter.values.map((v) => ({
                  from: v.from,
                  ...(v.to ? { to: v.to } : {}),
                  value: v.value,
                })),
              }
            : null,
        startNorm: norm
          ? { id: norm.id, period: norm.period, label: norm.label, quote: norm.source?.quote ?? null }
          : null,
      });
    }
  }
  return { products, segments };
}

/** The value of a dated parameter on a day; undefined when none is valid then or it is not a number. */
export function numberOn(
  values: { from: IsoDate; to?: IsoDate; value: unknown }[],
  day: IsoDate,
): number | undefined {
  const v = values.find((x) => x.from <= day && (!x.to || day <= x.to));
  return typeof v?.value === "number" ? v.value : undefined;
}
