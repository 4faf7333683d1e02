import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { today } from "../domain/dates.ts";
import { compareInRegions } from "../rules/compare.ts";
import type { RegionCatalog } from "./models.ts";
import { problemResponses } from "./openapi.ts";
import { invalidInput } from "./problem.ts";
import {
  adviceRequestSchema,
  adviceSchema,
  compareRequestSchema,
  comparisonSchema,
  noQuerySchema,
} from "./schemas.ts";

export interface RateLimit {
  max: number;
  timeWindowMs: number;
}

/**
 * POST /advice and /compare: the engine of `npm run cli -- advise` and `compare`, with the same rules
 * for choosing the region. A case is intake facts without a name or BSN; nothing is stored.
 */
export function adviceRoutes(catalog: RegionCatalog, rateLimit: RateLimit): FastifyPluginAsyncZod {
  const unknownRegion = (id: string, pointer: string) =>
    invalidInput(`Er is geen regio '${id}'.`, [
      {
        in: "body",
        pointer,
        detail: `onbekende regio; bekende regio's: ${catalog.regionIds().join(", ")}`,
        code: "unknown_region",
      },
    ]);
  const limit = { rateLimit: { max: rateLimit.max, timeWindow: rateLimit.timeWindowMs } };

  return async (app) => {
    app.post(
      "/advice",
      {
        config: limit,
        schema: {
          operationId: "advise",
          querystring: noQuerySchema,
          tags: ["advies"],
          summary: "Advies voor een casus",
          description: [
            "Geeft het advies voor één casus: segment(en), route, coördinatie, duur, financiering, termijnen,",
            "meldingen, de feiten die nog ontbreken (`missing`) en de uitleg per regel met bron.",
            "",
            "De regio: `regionId`, of `municipality` (CBS-code), of anders de gemeente in de casus, op de",
            "peildatum (`date`, standaard de aanmelddatum van de casus, anders vandaag). Een onvolledige",
            "casus krijgt ook een advies; `missing` zegt welke vragen de uitkomst nog kunnen veranderen.",
          ].join("\n"),
          body: adviceRequestSchema,
          response: { 200: adviceSchema, ...problemResponses(400, 413, 415, 429) },
        },
      },
      async (request) => {
        const { regionId, municipality, date, case: facts } = request.body;
        if (regionId !== undefined && municipality !== undefined) {
          throw invalidInput("Geef regionId of municipality, niet allebei.", [
            { in: "body", pointer: "#/municipality", detail: "niet samen met regionId", code: "conflict" },
          ]);
        }
        if (regionId !== undefined && !catalog.has(regionId)) throw unknownRegion(regionId, "#/regionId");
        const cbs = municipality ?? (regionId ? undefined : facts.municipality);
        let id = regionId;
        if (id === undefined && cbs !== undefined) {
          const onDate = date ?? facts.requestDate ?? today();
          const match = catalog.regionFor(cbs, onDate);
          if (!match) {
            const pointer = municipality !== undefined ? "#/municipality" : "#/case/municipality";
            throw invalidInput(`Geen regio bekend voor gemeente ${cbs} op ${onDate}.`, [
              {
                in: "body",
                pointer,
                detail: `geen regio bekend voor deze gemeente op ${onDate}`,
                code: "no_region",
              },
            ]);
          }
          id = match.id;
        }
        if (id === undefined) {
          throw invalidInput(
            "Geef regionId of municipality, of een gemeente in de casus (case.municipality).",
            [
              {
                in: "body",
                pointer: "#/regionId",
                detail: "ontbreekt (of geef municipality)",
                code: "required",
              },
            ],
          );
        }
        const region = catalog.compiledRegion(id);
        const placed = cbs && !facts.municipality ? { ...facts, municipality: cbs } : facts;
        return region.advise(placed, date ? { asOf: date } : {});
      },
    );

    app.post(
      "/compare",
      {
        config: limit,
        schema: {
          operationId: "compare",
          querystring: noQuerySchema,
          tags: ["advies"],
          summary: "Eén casus in meerdere regio's vergelijken",
          description:
            "Vat elk aspect van het advies per regio samen en markeert de verschillen, met de regels die ze bepalen. Standaard wordt de casus in elke regio beoordeeld alsof de jeugdige daar woont (`moved`).",
          body: compareRequestSchema,
          response: { 200: comparisonSchema, ...problemResponses(400, 413, 415, 429) },
        },
      },
      async (request) => {
        const { regionIds, date, keepMunicipality, case: facts } = request.body;
        regionIds.forEach((id, i) => {
          if (!catalog.has(id)) throw unknownRegion(id, `#/regionIds/${i}`);
        });
        const compiled = regionIds.map((id) => catalog.compiledRegion(id));
        return compareInRegions(compiled, facts, {
          asOf: date,
          date: date ?? facts.requestDate ?? today(),
          keepMunicipality,
        });
      },
    );
  };
}
