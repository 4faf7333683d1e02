import { testBsns } from "../domain/bsn.ts";
import { type CaseFacts, parseCase } from "../domain/case.ts";
import { addDays } from "date-fns";
import { addPeriod, toDate, toIso } from "../domain/dates.ts";
import { placeInRegion } from "../rules/compare.ts";
import type { CompiledRegion } from "../rules/engine.ts";
import type { Store } from "./database.ts";
import { addProvider, createAllocation, createReferral, RegistryError } from "./registry.ts";

/**
 * A small synthetic data set for every region: fictitious providers (names say so) contracted for each
 * segment, and a few families with test BSNs (999…) whose requests become referrals and allocations
 * through the same checks as real ones. Idempotent: seeding twice has one effect.
 */

const demoCases: { name: string; facts: Record<string, unknown> }[] = [
  {
    name: "enkelvoudige GGZ-behandeling",
    facts: {
      birthDate: "2014-06-01",
      referrer: "gemeente",
      complexity: "enkelvoudig",
      crisis: false,
      residentialCentral: false,
      developmentPerspective: true,
      requestedCare: ["ggz-specialistisch", "behandeling-individueel"],
      estimatedHours: { begeleiding: 0, behandeling: 60 },
      parentFactors: ["relatieconflict-scheiding"],
      outlook: { aim: "herstel", severity: "licht", expectedMonths: 9 },
    },
  },
  {
    name: "meervoudige problematiek met veel begeleiding",
    facts: {
      birthDate: "2012-02-15",
      referrer: "gemeente",
      complexity: "meervoudig",
      coordinatedMultidisciplinary: true,
      lifeDomains: ["gezin", "school", "veiligheid"],
      family: { unsafe: true, riskFactors: "zwaar" },
      parentFactors: ["multiprobleemgezin"],
      crisis: false,
      residentialCentral: false,
      developmentPerspective: true,
      requestedCare: ["mst"],
      estimatedHours: { begeleiding: 340, behandeling: 60 },
      outlook: { aim: "herstel", severity: "zwaar", expectedMonths: 15 },
    },
  },
  {
    name: "pleegzorg",
    facts: {
      birthDate: "2011-09-09",
      referrer: "gi",
      protectionMeasure: "jeugdbescherming",
      crisis: false,
      residentialCentral: true,
      developmentPerspective: true,
      complexity: "enkelvoudig",
      requestedCare: ["pleegzorg"],
      outlook: { aim: "stabiliseren", severity: "licht" },
    },
  },
];

/**
 * Where a region's demo families live, when not the model's first municipality: the demo users of
 * src/store/demo-users.ts work for Tilburg, so Hart van Brabant's families live there.
 */
export const DEMO_MUNICIPALITY: Record<string, string> = { "hart-van-brabant": "0855" };

export interface SeedSummary {
  providers: number;
  referrals: number;
  allocations: number;
  refused: number;
}

export async function seedDemo(
  store: Store,
  regions: CompiledRegion[],
  requestDate = "2026-09-01",
): Promise<SeedSummary> {
  const summary: SeedSummary = { providers: 0, referrals: 0, allocations: 0, refused: 0 };
  const bsns = testBsns(regions.length * demoCases.length, 2026);
  let agb = 90_000_001;
  for (const region of regions) {
    const model = region.model;
    const providerBySegment = new Map<string, string>();
    for (const segment of model.segments) {
      const code = String(agb++);
      providerBySegment.set(segment.id, code);
      await addProvider(store, {
        agb: code,
        name: `Demo-aanbieder ${segment.name} (${model.info.name}, fictief)`,
        contracts: [
          {
            regionId: model.info.id,
            segment: segment.id,
            product: null,
            purchaseArea: null,
            validFrom: segment.validFrom ?? model.info.validFrom ?? "2018-01-01",
            validTo: null,
          },
        ],
      });
      summary.providers++;
    }
    for (const [i, demo] of demoCases.entries()) {
      const facts: CaseFacts = placeInRegion(
        model,
        parseCase({ ...demo.facts, requestDate, municipality: DEMO_MUNICIPALITY[model.info.id] }),
        requestDate,
      ).facts;
      let referral: Awaited<ReturnType<typeof createReferral>>["referral"];
      try {
        const result = await createReferral(store, region, {
          bsn: bsns[summary.referrals + summary.refused] ?? "",
          facts,
          idempotencyKey: `demo-${model.info.id}-${i}`,
        });
        referral = result.referral;
        summary.referrals++;
      } catch (e) {
        if (!(e instanceof RegistryError)) throw e;
        summary.refused++;
        continue;
      }
      for (const advised of referral.advice.segments) {
        const product = advised.products.find((p) =>
          model.segments.some((s) => s.products.some((x) => x.id === p.id)),
        );
        const provider = providerBySegment.get(advised.id);
        if (!product || !provider) continue;
        const segment = model.segments.find((s) => s.id === advised.id);
        const max = segment?.products.find((p) => p.id === product.id)?.maxDuration ?? segment?.duration.max;
        const startDate = addPeriod(requestDate, "P14D");
        try {
          await createAllocation(store, region, {
            clientId: referral.clientId,
            referralId: referral.id,
            municipality: referral.municipality,
            segment: advised.id,
            product: product.id,
            providerAgb: provider,
            startDate,
            // A year of care: within every maximum in the models (the shortest is two years).
            ...(max ? { endDate: toIso(addDays(toDate(addPeriod(startDate, "P1Y")), -1)) } : {}),
            idempotencyKey: `demo-${model.info.id}-${i}-${advised.id}-${product.id}`,
          });
          summary.allocations++;
        } catch (e) {
          if (!(e instanceof RegistryError)) throw e;
          summary.refused++;
        }
      }
    }
  }
  return summary;
}
