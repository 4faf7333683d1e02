import type { FastifyInstance, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { type CaseFacts, parseCase } from "../domain/case.ts";
import type { IsoDate } from "../domain/dates.ts";
import { compiledRegionFor } from "../rules/region-for.ts";
import type { Store } from "../store/database.ts";
import {
  type AccessContext,
  AccessDenied,
  allocationCounts,
  auditViewAs,
  breakGlass,
  accessLogAs,
  clientFile,
  contractedProvidersAs,
  ACCESS_LOG_LIMIT,
  createAllocationAs,
  createReferralAs,
  deadlinesAs,
  downloadMessageAs,
  endAllocationAs,
  getAllocationAs,
  getReferralAs,
  listAllocationsAs,
  listMessagesAs,
  listReferralsAs,
  listUsersAs,
  monthOf,
  SMALL_CELL,
  saveUserAs,
  searchClients,
  setUserActiveAs,
  syncRegionModelsAs,
  uploadMessageAs,
  verifyAuditAs,
} from "../store/records.ts";
import { reportAs } from "../store/reports.ts";
import { RegistryError } from "../store/registry.ts";
import { CONTENT_TYPES, type ReportFormat, toCsv, toXlsx } from "../monitoring/export.ts";
import { listRegionIds } from "../rules/load.ts";
import { requireActor } from "./auth/guard.ts";
import { problemResponses } from "./openapi.ts";
import {
  ApiProblem,
  forbidden,
  jsonPointer,
  notFound,
  hideBsnLike,
  invalidInput,
  problemFor,
  problemTypes,
  sendProblem,
} from "./problem.ts";
import type { RateLimit } from "./routes-advice.ts";
import { MAX_MESSAGE_BYTES } from "./routes-ijw.ts";
import {
  accessLogSchema,
  allocationCountsSchema,
  allocationCreatedSchema,
  allocationEndSchema,
  allocationListSchema,
  allocationQuerySchema,
  allocationRequestSchema,
  allocationSchema,
  auditListSchema,
  auditQuerySchema,
  auditVerificationSchema,
  breakGlassRequestSchema,
  breakGlassSchema,
  clientFileSchema,
  clientSearchSchema,
  clientSummarySchema,
  contractListSchema,
  contractQuerySchema,
  countsQuerySchema,
  deadlineListSchema,
  deadlineQuerySchema,
  idParamsSchema,
  importOutcomeSchema,
  messageListSchema,
  messageQuerySchema,
  numberParamsSchema,
  referralCreatedSchema,
  referralListSchema,
  referralQuerySchema,
  referralRequestSchema,
  referralSchema,
  regionSyncSchema,
  reportParamsSchema,
  reportQuerySchema,
  reportSchema,
  userInputSchema,
  userListSchema,
  userParamsSchema,
  userSchema,
} from "./schemas-registry.ts";
import { noQuerySchema } from "./schemas.ts";
import { deliveryReportsAs, listRequestsAs, reportDeliveryAs } from "../store/records-provider.ts";
import {
  deliveryReportListSchema,
  deliveryReportOutcomeSchema,
  deliveryReportRequestSchema,
  requestListSchema,
} from "./schemas-provider.ts";

/**
 * The registry over HTTP: clients, referrals, allocations, deadlines, iJw messages, aggregates, users and
 * the log. Every handler asks the data layer (src/store/records.ts), which filters rows by the signed-in
 * user's relationship and writes the audit records; a row out of reach is answered 404 like one that
 * does not exist. The BSN only travels in request bodies (search, referral, break-glass).
 */

export interface RegistryRouteOptions {
  store: Store;
  today: () => IsoDate;
  /** Days a provider keeps access after an allocation ended. */
  providerGraceDays: number;
  /** Searches and break-glass per client address. */
  searchRateLimit: RateLimit;
  /** The region models' static check, per region (for the reload by a functional admin). */
  checkModels: () => { regionId: string; errors: number }[];
  /** Called after a reload, so every cache of compiled models reads the files again. */
  onModelsReloaded: () => void;
}

const UNPROCESSABLE = 422;

/** The data layer's refusals as problem details; everything else goes to the common handler. */
function registryErrorHandler(error: unknown, request: FastifyRequest) {
  if (error instanceof AccessDenied) return problemFor(forbidden(error.message), request);
  if (error instanceof RegistryError) {
    return problemFor(
      new ApiProblem(
        UNPROCESSABLE,
        problemTypes.invalidInput,
        "Niet verwerkt",
        `Het register neemt dit niet aan: ${error.problems.map((p) => `${p.field}: ${p.reason}`).join("; ")}`,
        error.problems.map((p) => ({
          in: "body" as const,
          pointer: jsonPointer([p.field]),
          detail: p.reason,
          code: p.rule,
        })),
      ),
      request,
    );
  }
  return problemFor(error, request);
}

/** The data layer's context for a request: who (401 without a session), when, and the trace id. */
function contextOf(options: RegistryRouteOptions) {
  return (request: FastifyRequest): AccessContext => ({
    store: options.store,
    actor: requireActor(request),
    today: options.today(),
    graceDays: options.providerGraceDays,
    traceId: request.traceId,
  });
}

function useRegistryErrors(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => sendProblem(reply, registryErrorHandler(error, request)));
}

/** JSON unless the client asks for CSV or XLSX (and not for JSON first). */
function formatFromAccept(accept: string | undefined): ReportFormat {
  const wanted = (accept ?? "").split(",").map((part) => part.split(";")[0]!.trim().toLowerCase());
  for (const type of wanted) {
    if (type === CONTENT_TYPES.json) return "json";
    if (type === CONTENT_TYPES.csv) return "csv";
    if (type === CONTENT_TYPES.xlsx) return "xlsx";
  }
  return "json";
}

export function registryRoutes(options: RegistryRouteOptions): FastifyPluginAsyncZod {
  const ctxOf = contextOf(options);
  const missing = (what: string) =>
    notFound(`${what} bestaat niet, of valt buiten wat u met uw rol en organisatie mag zien.`);
  const searchLimit = {
    rateLimit: { max: options.searchRateLimit.max, timeWindow: options.searchRateLimit.timeWindowMs },
  };
  const personal = problemResponses(400, 401, 403, 404, 422, 429);

  return async (app) => {
    useRegistryErrors(app as unknown as FastifyInstance);

    // -- clients ---------------------------------------------------------------------------------
    app.post(
      "/clienten/zoeken",
      {
        config: searchLimit,
        schema: {
          operationId: "searchClients",
          querystring: noQuerySchema,
          tags: ["register"],
          summary: "Een cliënt zoeken op BSN",
          description:
            "Zoekt met het BSN in de inhoud (POST), zodat het nooit in een adres of log staat. U vindt alleen cliënten die u met uw rol en organisatie mag zien.",
          body: clientSearchSchema,
          response: { 200: z.object({ clienten: z.array(clientSummarySchema) }), ...personal },
        },
      },
      async (request) => ({ clienten: await searchClients(ctxOf(request), request.body) }),
    );

    app.get(
      "/clienten/:id",
      {
        schema: {
          operationId: "getClientFile",
          querystring: noQuerySchema,
          params: idParamsSchema,
          tags: ["register"],
          summary: "Het dossier van een cliënt",
          description:
            "Geeft de delen van het dossier die uw rol nodig heeft: een aanbieder ziet zijn eigen toewijzingen, niet de verwijzing of het advies.",
          response: { 200: clientFileSchema, ...personal },
        },
      },
      async (request) => {
        const file = await clientFile(ctxOf(request), request.params.id, { regionFor: compiledRegionFor });
        if (!file) throw missing("Deze cliënt");
        return file;
      },
    );

    app.get(
      "/clienten/:id/inzage",
      {
        schema: {
          operationId: "clientAccessLog",
          querystring: noQuerySchema,
          params: idParamsSchema,
          tags: ["register"],
          summary: "Wie zag of wijzigde dit dossier",
          description: `Voor de Toegang die de cliënt bedient: wie (naam, organisatie, rol), wanneer, wat en waarom, de nieuwste ${ACCESS_LOG_LIMIT} regels eerst. Niet via noodtoegang. Ook dit lezen komt in het logboek van de cliënt.`,
          response: { 200: accessLogSchema, ...personal },
        },
      },
      async (request) => {
        const lines = await accessLogAs(ctxOf(request), request.params.id);
        if (!lines) throw missing("Deze cliënt");
        return { regels: lines, maximum: ACCESS_LOG_LIMIT };
      },
    );

    app.post(
      "/clienten/noodtoegang",
      {
        config: searchLimit,
        schema: {
          operationId: "breakGlass",
          querystring: noQuerySchema,
          tags: ["register"],
          summary: "Noodtoegang tot één dossier",
          description:
            "Opent één dossier buiten uw gewone toegang, voor een paar uur. De reden is verplicht en komt met uw naam in het logboek; de privacyfunctionaris ziet elke noodtoegang.",
          body: breakGlassRequestSchema,
          response: { 200: breakGlassSchema, ...personal },
        },
      },
      async (request) => {
        const opened = await breakGlass(ctxOf(request), {
          bsn: request.body.bsn,
          reason: request.body.reden,
        });
        if (!opened) throw missing("Een cliënt met dit BSN");
        return opened;
      },
    );

    // -- referrals -------------------------------------------------------------------------------
    app.get(
      "/verwijzingen",
      {
        schema: {
          operationId: "listReferrals",
          querystring: referralQuerySchema,
          tags: ["register"],
          summary: "Verwijzingen",
          description: "De verwijzingen van uw gemeente (Toegang) of die u zelf deed (verwijzer).",
          response: { 200: referralListSchema, ...personal },
        },
      },
      async (request) => ({
        verwijzingen: await listReferralsAs(
          ctxOf(request),
          request.query.client ? { clientId: request.query.client } : {},
        ),
      }),
    );

    app.get(
      "/verwijzingen/:id",
      {
        schema: {
          operationId: "getReferral",
          querystring: noQuerySchema,
          params: idParamsSchema,
          tags: ["register"],
          summary: "Eén verwijzing, met de feiten en het advies van dat moment",
          response: { 200: referralSchema, ...personal },
        },
      },
      async (request) => {
        const referral = await getReferralAs(ctxOf(request), request.params.id);
        if (!referral) throw missing("Deze verwijzing");
        return { ...referral, facts: referral.facts as Record<string, unknown> };
      },
    );

    app.post(
      "/verwijzingen",
      {
        schema: {
          operationId: "createReferral",
          querystring: noQuerySchema,
          tags: ["register"],
          summary: "Een verwijzing vastleggen",
          description:
            "Legt de verwijzing vast met het advies van dat moment. Dezelfde sleutel twee keer geeft de eerste verwijzing terug (201 de eerste keer, 200 daarna).",
          body: referralRequestSchema,
          response: { 200: referralCreatedSchema, 201: referralCreatedSchema, ...personal },
        },
      },
      async (request, reply) => {
        const facts: CaseFacts = parseCase(request.body.case);
        const region =
          facts.municipality && facts.requestDate
            ? compiledRegionFor(facts.municipality, facts.requestDate)
            : undefined;
        if (!region) {
          throw new RegistryError([
            {
              field: "case/municipality",
              value: facts.municipality ?? null,
              reason: "geef de gemeente en aanmelddatum van een gemeente die bij een regio hoort",
              rule: "verwijzing-compleet",
            },
          ]);
        }
        const ctx = ctxOf(request);
        const result = await createReferralAs(ctx, region, {
          bsn: request.body.bsn,
          facts,
          idempotencyKey: request.body.idempotencyKey,
        });
        const view = await getReferralAs(ctx, result.referral.id);
        if (!view) throw missing("Deze verwijzing");
        return reply.code(result.created ? 201 : 200).send({
          created: result.created,
          verwijzing: { ...view, facts: view.facts as Record<string, unknown> },
        });
      },
    );

    // -- allocations -----------------------------------------------------------------------------
    app.get(
      "/toewijzingen",
      {
        schema: {
          operationId: "listAllocations",
          querystring: allocationQuerySchema,
          tags: ["register"],
          summary: "Toewijzingen",
          description:
            "De toewijzingen van uw gemeente, aan uw organisatie (aanbieder, ook kort na het einde) of in uw segment (coalitie).",
          response: { 200: allocationListSchema, ...personal },
        },
      },
      async (request) => ({
        toewijzingen: await listAllocationsAs(ctxOf(request), {
          ...(request.query.client ? { clientId: request.query.client } : {}),
          ...(request.query.status ? { status: request.query.status } : {}),
        }),
      }),
    );

    app.get(
      "/toewijzingen/:nummer",
      {
        schema: {
          operationId: "getAllocation",
          querystring: noQuerySchema,
          params: numberParamsSchema,
          tags: ["register"],
          summary: "Eén toewijzing",
          response: { 200: allocationSchema, ...personal },
        },
      },
      async (request) => {
        const allocation = await getAllocationAs(ctxOf(request), request.params.nummer);
        if (!allocation) throw missing("Deze toewijzing");
        return allocation;
      },
    );

    app.post(
      "/toewijzingen",
      {
        schema: {
          operationId: "createAllocation",
          querystring: noQuerySchema,
          tags: ["register"],
          summary: "Een toewijzing vastleggen",
          description:
            "Controleert de toewijzing met de regels van het regiomodel, de andere toewijzingen en de contracten. Dezelfde sleutel twee keer heeft één effect.",
          body: allocationRequestSchema,
          response: { 200: allocationCreatedSchema, 201: allocationCreatedSchema, ...personal },
        },
      },
      async (request, reply) => {
        const region = compiledRegionFor(request.body.municipality, request.body.startDate);
        if (!region) {
          throw new RegistryError([
            {
              field: "municipality",
              value: request.body.municipality,
              reason: "deze gemeente hoort op de begindatum niet bij een regio",
              rule: "regio",
            },
          ]);
        }
        const result = await createAllocationAs(ctxOf(request), region, request.body);
        if (!result) throw missing("Deze cliënt");
        return reply
          .code(result.created ? 201 : 200)
          .send({ created: result.created, toewijzing: result.allocation, beeindigd: result.ended });
      },
    );

    app.post(
      "/toewijzingen/:nummer/beeindigen",
      {
        schema: {
          operationId: "endAllocation",
          querystring: noQuerySchema,
          params: numberParamsSchema,
          tags: ["register"],
          summary: "Een toewijzing beëindigen",
          body: allocationEndSchema,
          response: { 200: allocationSchema, ...personal },
        },
      },
      async (request) => {
        const ended = await endAllocationAs(ctxOf(request), {
          number: request.params.nummer,
          endDate: request.body.einddatum,
          reason: request.body.reden,
        });
        if (!ended) throw missing("Deze toewijzing");
        return ended;
      },
    );

    // -- the provider's starts and stops (issue 7 item 4) ---------------------------------------------
    app.get(
      "/toewijzingen/:nummer/meldingen",
      {
        schema: {
          operationId: "listDeliveryReports",
          querystring: noQuerySchema,
          params: numberParamsSchema,
          tags: ["register"],
          summary: "Starts en stops van een toewijzing",
          description: "De starts en stops van de levering die de aanbieder meldde (niet de verwijderde).",
          response: { 200: deliveryReportListSchema, ...personal },
        },
      },
      async (request) => {
        const meldingen = await deliveryReportsAs(ctxOf(request), request.params.nummer);
        if (!meldingen) throw missing("Deze toewijzing");
        return { meldingen };
      },
    );

    app.post(
      "/toewijzingen/:nummer/meldingen",
      {
        schema: {
          operationId: "reportDelivery",
          querystring: noQuerySchema,
          params: numberParamsSchema,
          tags: ["register"],
          summary: "Een start of stop melden (aanbieder)",
          description:
            "Maakt het JW305- (start) of JW307-bericht (stop) dat het systeem van de aanbieder zou sturen, met de gegevens van de toewijzing en de cliënt uit het register, en verwerkt het zoals POST /ijw/berichten: dezelfde regels en retourcodes; bericht en retour worden bewaard. Keurt de gemeente de melding af, dan volgt 422 met per veld de regel, de retourcode en de uitleg.",
          body: deliveryReportRequestSchema,
          response: { 201: deliveryReportOutcomeSchema, ...personal },
        },
      },
      async (request, reply) => {
        const body = request.body;
        const ctx = ctxOf(request);
        const outcome = await reportDeliveryAs(
          ctx,
          request.params.nummer,
          body.soort === "start"
            ? { kind: "start", beginDate: body.begindatum }
            : { kind: "stop", beginDate: body.begindatum, endDate: body.einddatum, reason: body.reden },
          { today: options.today(), regionFor: compiledRegionFor },
        );
        if (!outcome) throw missing("Deze toewijzing");
        if (outcome.status === "afgekeurd") {
          throw new RegistryError(
            outcome.refusals.map((r) => ({
              field: r.field,
              value:
                r.field === "begindatum"
                  ? body.begindatum
                  : r.field === "toewijzing"
                    ? request.params.nummer
                    : "",
              reason: r.retourcode ? `${r.text} (retourcode ${r.retourcode})` : r.text,
              rule: r.rule,
            })),
          );
        }
        const meldingen = (await deliveryReportsAs(ctx, request.params.nummer)) ?? [];
        return reply.code(201).send({ ...outcome, meldingen });
      },
    );

    app.get(
      "/termijnen",
      {
        schema: {
          operationId: "listDeadlines",
          querystring: deadlineQuerySchema,
          tags: ["register"],
          summary: "Termijnen",
          description:
            "De termijnen van de regio en van iJw die u aangaan: antwoord op een verzoek, start- en stopmeldingen, retouren.",
          response: { 200: deadlineListSchema, ...personal },
        },
      },
      async (request) => ({
        termijnen: await deadlinesAs(
          ctxOf(request),
          request.query.client ? { clientId: request.query.client } : {},
        ),
      }),
    );

    app.get(
      "/contracten",
      {
        schema: {
          operationId: "listContracts",
          querystring: contractQuerySchema,
          tags: ["register"],
          summary: "Aanbieders met een contract",
          description:
            "De aanbieders met een contract in een regio (en segment) op een datum, met de producten en inkoopgebieden van het contract: om bij een toewijzing een aanbieder te kiezen. Voor wie toewijst.",
          response: { 200: contractListSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const { regio, segment, datum } = request.query;
        return {
          aanbieders: await contractedProvidersAs(ctxOf(request), {
            regionId: regio,
            ...(segment ? { segment } : {}),
            date: datum ?? options.today(),
          }),
        };
      },
    );

    // -- aggregates ------------------------------------------------------------------------------
    app.get(
      "/monitoring/toewijzingen",
      {
        schema: {
          operationId: "allocationCounts",
          querystring: countsQuerySchema,
          tags: ["monitoring"],
          summary: "Lopende toewijzingen en cliënten per gemeente en segment",
          description: `Aantallen op een peildatum, zonder persoonsgegevens. Aantallen kleiner dan ${SMALL_CELL} staan als null, zodat een klein aantal niet naar een kind wijst.`,
          response: { 200: allocationCountsSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => {
        const on = monthOf(request.query.peildatum ?? options.today());
        return {
          peildatum: on,
          kleinsteAantal: SMALL_CELL,
          rijen: await allocationCounts(ctxOf(request), on),
        };
      },
    );

    app.get(
      "/monitoring/rapporten/:naam",
      {
        schema: {
          operationId: "getReport",
          params: reportParamsSchema,
          querystring: reportQuerySchema,
          tags: ["monitoring"],
          summary: "Een monitoringrapport (JSON, CSV of XLSX)",
          description: `Cliënten, toewijzingen en uitgaven per regio, gemeente, segment, subsegment, zorgvorm, aanbieder of maand; het taakgerichte budget tegen het plafond met prognose; P × Q; wachttijd; duur tegen het maximum; unieke cliënten per aanbieder. Zonder persoonsgegevens: aantallen kleiner dan ${SMALL_CELL} staan als null en rijen over minder dan ${SMALL_CELL} cliënten zijn weggelaten. Het formaat kiest u met formaat of de header Accept (text/csv, ${CONTENT_TYPES.xlsx}).`,
          produces: [CONTENT_TYPES.json, CONTENT_TYPES.csv, CONTENT_TYPES.xlsx],
          response: {
            200: {
              description: "Het rapport",
              content: {
                [CONTENT_TYPES.json]: { schema: reportSchema },
                [CONTENT_TYPES.csv]: {
                  schema: z.string().describe("CSV (RFC 4180, UTF-8 met BOM), kop met de kolom-id's"),
                },
                [CONTENT_TYPES.xlsx]: {
                  schema: z.string().describe("werkmap met het rapport en een blad Toelichting"),
                },
              },
            },
            ...problemResponses(400, 401, 403),
          },
        },
      },
      async (request, reply) => {
        const { naam } = request.params;
        const { regio, formaat } = request.query;
        if (regio !== undefined && !listRegionIds().includes(regio)) {
          throw invalidInput(`Er is geen regio '${regio}'.`, [
            {
              in: "query",
              pointer: jsonPointer(["regio"]),
              detail: `onbekende regio; bekende regio's: ${listRegionIds().join(", ")}`,
              code: "unknown_region",
            },
          ]);
        }
        const asOf = request.query.peildatum ?? options.today();
        const report = await reportAs(ctxOf(request), naam, {
          year: request.query.jaar ?? Number(asOf.slice(0, 4)),
          regionId: regio ?? null,
          asOf,
        });
        const format = formaat ?? formatFromAccept(request.headers.accept);
        if (format === "json") return report;
        const file = `${naam}-${report.jaar}${report.regio ? `-${report.regio}` : ""}.${format}`;
        const bytes = format === "csv" ? toCsv(report) : await toXlsx(report);
        // Fastify sends a Buffer as it is, past the response serializer; the schema can only describe
        // the file as a string, hence the cast.
        return reply
          .type(format === "csv" ? `${CONTENT_TYPES.csv}; charset=utf-8` : CONTENT_TYPES.xlsx)
          .header("content-disposition", `attachment; filename="${file}"`)
          .send(bytes as unknown as string);
      },
    );

    // -- users -----------------------------------------------------------------------------------
    app.get(
      "/gebruikers",
      {
        schema: {
          operationId: "listUsers",
          querystring: noQuerySchema,
          tags: ["beheer"],
          summary: "Gebruikers en hun rollen",
          response: { 200: userListSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => ({ gebruikers: await listUsersAs(ctxOf(request)) }),
    );

    app.put(
      "/gebruikers/:id",
      {
        schema: {
          operationId: "saveUser",
          querystring: noQuerySchema,
          params: userParamsSchema,
          tags: ["beheer"],
          summary: "Een gebruiker toevoegen of wijzigen",
          description:
            "De rol bepaalt welke relatie verplicht is: Toegang een gemeente, aanbieder een AGB-code, coalitie een regio en segment.",
          body: userInputSchema,
          response: { 200: userSchema, ...problemResponses(400, 401, 403, 422) },
        },
      },
      async (request) => {
        const { active, ...input } = request.body;
        const ctx = ctxOf(request);
        const saved = await saveUserAs(ctx, { id: request.params.id, ...input });
        // Deactivating ends the user's sessions at once; reactivating lets them sign in again.
        if (active === undefined || active === saved.active) return saved;
        return (await setUserActiveAs(ctx, request.params.id, active)) ?? saved;
      },
    );

    app.post(
      "/regiomodellen/herladen",
      {
        schema: {
          operationId: "reloadRegionModels",
          querystring: noQuerySchema,
          tags: ["beheer"],
          summary: "Regiomodellen opnieuw inlezen",
          description:
            "Na een nieuwe versie van een regiomodel: leest de modellen opnieuw, werkt regio's, gemeenten en lidmaatschappen in het register bij en geeft vanaf nu adviezen met de nieuwe versie. Weigert (en verandert niets) zolang de statische controle fouten vindt. Alleen voor functioneel beheer.",
          response: { 200: regionSyncSchema, ...problemResponses(400, 401, 403, 422) },
        },
      },
      async (request) => {
        const summary = await syncRegionModelsAs(ctxOf(request), options.checkModels);
        options.onModelsReloaded();
        return summary;
      },
    );

    // -- the log ---------------------------------------------------------------------------------
    const auditRoute = (path: string, per: "client" | "medewerker") =>
      app.get(
        path,
        {
          schema: {
            operationId: per === "client" ? "auditPerClient" : "auditPerEmployee",
            querystring: auditQuerySchema,
            params: per === "client" ? idParamsSchema : userParamsSchema,
            tags: ["logboek"],
            summary: per === "client" ? "Wie zag of wijzigde dit dossier" : "Wat deed deze medewerker",
            description:
              "Het logboek in volgorde, met wie, namens welke organisatie, wat, wanneer, waarom en de uitkomst. Alleen voor de auditor; ook dit lezen komt in het logboek.",
            response: { 200: auditListSchema, ...problemResponses(400, 401, 403) },
          },
        },
        async (request) => {
          const { van, tot, na } = request.query;
          const id = (request.params as { id: string }).id;
          return {
            regels: await auditViewAs(ctxOf(request), {
              ...(per === "client" ? { clientId: id } : { actorId: id }),
              ...(van ? { from: van } : {}),
              ...(tot ? { to: tot } : {}),
              ...(na !== undefined ? { afterSeq: na } : {}),
            }),
          };
        },
      );
    auditRoute("/logboek/clienten/:id", "client");
    auditRoute("/logboek/medewerkers/:id", "medewerker");

    app.get(
      "/logboek/verificatie",
      {
        schema: {
          operationId: "verifyAudit",
          querystring: noQuerySchema,
          tags: ["logboek"],
          summary: "Is het logboek heel?",
          description:
            "Rekent de hele keten van hashes na. Een gewijzigde, verwijderde of ingevoegde regel wordt gevonden; bewaar `head` elders om ook het weghalen van de laatste regels te zien.",
          response: { 200: auditVerificationSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => verifyAuditAs(ctxOf(request)),
    );
  };
}

/** iJw messages in and out, over the registry (upload imports; download fetches the XML). */
export function ijwExchangeRoutes(options: RegistryRouteOptions): FastifyPluginAsyncZod {
  const ctxOf = contextOf(options);
  return async (app) => {
    useRegistryErrors(app as unknown as FastifyInstance);
    app.removeContentTypeParser("application/json");
    app.addContentTypeParser(["application/xml", "text/xml"], { parseAs: "buffer" }, (_request, body, done) =>
      done(null, body),
    );

    app.get(
      "/ijw/berichten",
      {
        schema: {
          operationId: "listIjwMessages",
          querystring: messageQuerySchema,
          tags: ["ijw"],
          summary: "iJw-berichten in en uit",
          description:
            "De berichten van uw gemeente, of van en aan uw organisatie (aanbieder). `nieuw=true`: alleen wat nog niet is opgehaald.",
          response: { 200: messageListSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => ({
        berichten: await listMessagesAs(ctxOf(request), {
          ...(request.query.richting ? { direction: request.query.richting } : {}),
          ...(request.query.nieuw === "true" ? { pending: true } : {}),
          ...(request.query.client ? { clientId: request.query.client } : {}),
        }),
      }),
    );

    app.get(
      "/ijw/verzoeken",
      {
        schema: {
          operationId: "listIjwRequests",
          querystring: noQuerySchema,
          tags: ["ijw"],
          summary: "Verzoeken met hun retour en antwoorden",
          description:
            "De verzoeken om toewijzing (JW315) en wijziging (JW317) van of aan uw organisatie, elk met de retour (JW316, JW318) en de antwoorden (JW301, JW319), en per gevraagd product de stand.",
          response: { 200: requestListSchema, ...problemResponses(400, 401, 403) },
        },
      },
      async (request) => ({ verzoeken: await listRequestsAs(ctxOf(request)) }),
    );

    app.get(
      "/ijw/berichten/:id",
      {
        schema: {
          operationId: "downloadIjwMessage",
          querystring: noQuerySchema,
          params: idParamsSchema,
          tags: ["ijw"],
          summary: "Eén iJw-bericht ophalen (XML)",
          description:
            "Geeft het bericht als XML. Haalt een aanbieder een bericht aan zichzelf op, dan geldt het als afgeleverd.",
          produces: ["application/xml"],
          response: {
            200: z.string().describe("het bericht als XML"),
            ...problemResponses(400, 401, 403, 404),
          },
        },
      },
      async (request, reply) => {
        const message = await downloadMessageAs(ctxOf(request), request.params.id);
        if (!message) throw notFound("Dit bericht bestaat niet, of is niet van uw organisatie.");
        return reply
          .type("application/xml; charset=utf-8")
          .header(
            "content-disposition",
            `attachment; filename="${message.type}-${message.identificatie}.xml"`,
          )
          .serializer((x: string) => x)
          .send(message.xml);
      },
    );

    app.post(
      "/ijw/berichten",
      {
        bodyLimit: MAX_MESSAGE_BYTES,
        schema: {
          operationId: "uploadIjwMessage",
          querystring: noQuerySchema,
          tags: ["ijw"],
          summary: "Een iJw-bericht aanleveren",
          description:
            "Verwerkt één bericht zoals de import dat doet: controle, regels, retour en de gevolgen in het register, in één transactie. Een aanbieder levert alleen eigen berichten aan, de Toegang alleen berichten aan de eigen gemeente.",
          consumes: ["application/xml", "text/xml"],
          body: z
            .custom<Buffer>((v) => Buffer.isBuffer(v), {
              error: "stuur het bericht als XML (application/xml)",
            })
            .meta({ type: "string", description: "het iJw-bericht als XML, UTF-8 zonder BOM" }),
          response: { 200: importOutcomeSchema, ...problemResponses(400, 401, 403, 413, 415) },
        },
      },
      async (request) => {
        const outcome = await uploadMessageAs(ctxOf(request), request.body, {
          today: options.today(),
          regionFor: compiledRegionFor,
        });
        return { ...outcome, reasons: outcome.reasons.map((r) => hideBsnLike(r)) };
      },
    );
  };
}
