import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { type IsoDate, today as systemToday } from "../domain/dates.ts";
import { diffRegions } from "../rules/diff.ts";
import { regionSummary } from "../rules/load.ts";
import { describeDecisions } from "../rules/rule-view.ts";
import type { RegionCatalog } from "./models.ts";
import { problemResponses } from "./openapi.ts";
import { notFound } from "./problem.ts";
import {
  noQuerySchema,
  regionCheckSchema,
  regionListSchema,
  regionParamsSchema,
  regionSummarySchema,
} from "./schemas.ts";
import {
  regionDateQuerySchema,
  regionDiffQuerySchema,
  regionDiffSchema,
  regionRulesSchema,
} from "./schemas-regions.ts";

/**
 * GET /regions, /regions/{id}, /regions/{id}/check, /regions/{id}/rules and /regions/{id}/differences:
 * the region models, which hold no personal data.
 */
export function regionRoutes(
  catalog: RegionCatalog,
  today: () => IsoDate = systemToday,
): FastifyPluginAsyncZod {
  /** Ids are checked against the folder list before any file is read (no path traversal). */
  const known = (id: string) => {
    if (!catalog.has(id)) {
      throw notFound(`Er is geen regio '${id}'. Bekende regio's: ${catalog.regionIds().join(", ")}.`);
    }
    return id;
  };

  return async (app) => {
    app.get(
      "/regions",
      {
        schema: {
          operationId: "listRegions",
          querystring: noQuerySchema,
          tags: ["regio's"],
          summary: "De regiomodellen",
          description: "Alle regio's en basismodellen, met versie, geldigheid en segmenten.",
          response: { 200: regionListSchema, ...problemResponses(400) },
        },
      },
      async () => ({
        regions: catalog.regionIds().map((id) => regionSummary(id, catalog.model(id))),
      }),
    );

    app.get(
      "/regions/:id",
      {
        schema: {
          operationId: "getRegion",
          querystring: noQuerySchema,
          tags: ["regio's"],
          summary: "Samenvatting van een regiomodel",
          description:
            "Segmenten met producten, financiering, duur en termijnen; parameters met hun waarden en geldigheid; gemeenten; bronnen.",
          params: regionParamsSchema,
          response: { 200: regionSummarySchema, ...problemResponses(400, 404) },
        },
      },
      async (request) => {
        const m = catalog.model(known(request.params.id));
        return {
          id: m.info.id,
          name: m.info.name,
          kind: m.info.kind,
          version: m.info.version,
          description: m.info.description,
          validFrom: m.info.validFrom,
          validTo: m.info.validTo,
          extends: m.info.extends,
          modelHash: m.hash,
          layers: m.layers,
          sources: m.sources,
          municipalities: m.municipalities.map((x) => ({
            cbs: x.cbs,
            name: x.name,
            from: x.from,
            to: x.to,
            segments: x.segments,
          })),
          segments: m.segments.map((s) => ({
            ...s,
            subsegments: s.subsegments.map((x) => ({ id: x.id, name: x.name })),
            profiles: s.profiles.map((x) => ({ id: x.id, name: x.name })),
          })),
          parameters: Object.entries(m.parameters)
            .map(([name, p]) => ({ name, ...p }))
            .sort((a, b) => a.name.localeCompare(b.name)),
        };
      },
    );

    app.get(
      "/regions/:id/rules",
      {
        schema: {
          operationId: "getRegionRules",
          querystring: regionDateQuerySchema,
          tags: ["regio's"],
          summary: "De beslisregels van een regiomodel",
          description:
            "Elke beslistabel met haar regels: de voorwaarden in gewone taal (met de getallen die op `datum` gelden), de uitkomst, de bron (document, paragraaf, citaat) en de testgevallen waarin de regel geldt.",
          params: regionParamsSchema,
          response: { 200: regionRulesSchema, ...problemResponses(400, 404) },
        },
      },
      async (request) => {
        const id = known(request.params.id);
        const asOf = request.query.datum ?? today();
        return {
          region: id,
          asOf,
          decisions: describeDecisions(catalog.model(id), catalog.caseRuns(id), asOf),
        };
      },
    );

    app.get(
      "/regions/:id/differences",
      {
        schema: {
          operationId: "getRegionDifferences",
          querystring: regionDiffQuerySchema,
          tags: ["regio's"],
          summary: "Verschillen tussen twee regiomodellen",
          description:
            "Segmenten, getallen (met hun waarden) en regels die maar één van de twee regio's heeft of die verschillen. De modellen hebben één versie per regio (in git): versies van één regio vergelijkt deze route niet.",
          params: regionParamsSchema,
          response: { 200: regionDiffSchema, ...problemResponses(400, 404) },
        },
      },
      async (request) => {
        const a = catalog.model(known(request.params.id));
        const b = catalog.model(known(request.query.with));
        return diffRegions(a, b, request.query.datum ?? today());
      },
    );

    app.get(
      "/regions/:id/check",
      {
        schema: {
          operationId: "checkRegion",
          querystring: noQuerySchema,
          tags: ["regio's"],
          summary: "Statische controle van een regiomodel",
          description:
            "Wat de controle vindt zonder echte casus: schema, verwijzingen, overlap, gaten, geldigheid, bronnen en testgevallen (zoals `npm run cli -- check-region`).",
          params: regionParamsSchema,
          response: { 200: regionCheckSchema, ...problemResponses(400, 404) },
        },
      },
      async (request) => {
        const id = known(request.params.id);
        const findings = catalog.check(id);
        const count = (s: string) => findings.filter((f) => f.severity === s).length;
        return {
          region: id,
          errors: count("error"),
          warnings: count("warning"),
          infos: count("info"),
          findings,
        };
      },
    );
  };
}
