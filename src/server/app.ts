import fastifyHelmet from "@fastify/helmet";
import fastifyRateLimit from "@fastify/rate-limit";
import Fastify, {
  type FastifyInstance,
  type FastifyRequest,
  type FastifySchemaCompiler,
  type FastifyServerOptions,
} from "fastify";
import { serializerCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type IsoDate, today } from "../domain/dates.ts";
import { DEFAULT_PROVIDER_GRACE_DAYS } from "../registry/access.ts";
import { ENGINE_VERSION } from "../rules/engine.ts";
import { forgetCompiledRegions } from "../rules/region-for.ts";
import type { Store } from "../store/database.ts";
import { OidcClient } from "./auth/oidc.ts";
import { decorateRequests } from "./auth/request.ts";
import { type AuthOptions, SessionLayer, sessionSettings } from "./auth/sessions.ts";
import { answerClientError } from "./client-errors.ts";
import { RegionCatalog } from "./models.ts";
import { API_BASE, API_VERSION, problemResponses, registerOpenApi } from "./openapi.ts";
import {
  hideBsnLike,
  notFound,
  problemFor,
  RequestValidationError,
  sendProblem,
  tooManyRequests,
} from "./problem.ts";
import { adviceRoutes, type RateLimit } from "./routes-advice.ts";
import { ijwRoutes } from "./routes-ijw.ts";
import { regionRoutes } from "./routes-regions.ts";
import { ijwExchangeRoutes, registryRoutes } from "./routes-registry.ts";
import { sessionRoutes } from "./routes-session.ts";
import { healthSchema, noQuerySchema } from "./schemas.ts";
import { registerWebApp } from "./web.ts";

/**
 * The HTTP API (issue 6): region models, advice, comparison and the check of iJw messages, which hold no
 * personal data; and, when given the registry, login and server-side sessions (src/server/auth), the
 * ground the routes with registry data will stand on.
 */

export interface ServerOptions {
  /** Fastify's logger (pino); off by default so tests stay quiet. */
  logger?: FastifyServerOptions["logger"];
  /** Folder with the region models; default regions/ (or WEGWIJZER_REGIONS). */
  regionsRoot?: string;
  /** Requests per client address on the advice, compare and iJw routes; default 60 a minute. */
  rateLimit?: RateLimit;
  /** The receiving system's date for the iJw rules (TR135); default today. */
  today?: () => IsoDate;
  /** Trust X-Forwarded-For from a reverse proxy (for the rate limit's client address). */
  trustProxy?: boolean;
  /** The registry: with it come login and sessions (/sessie); without it only the public routes. */
  store?: Store;
  /** Sessions, demo login and OpenID Connect; used only with a store. */
  auth?: AuthOptions;
  /** Days a provider keeps access to a client after the allocation ended; default 90. */
  providerGraceDays?: number;
  /** Searches by BSN and break-glass per client address; default 30 a minute. */
  searchRateLimit?: RateLimit;
  /** The built web app (web/dist) to serve at /; without it the server is the API alone. */
  webRoot?: string;
}

/** JSON bodies are a case and a few fields; 100 kB is far more than any real one needs. */
const JSON_BODY_LIMIT = 100 * 1024;

/**
 * Zod validates every request part; a refusal keeps zod's issues so the error handler can name each
 * field. (fastify-type-provider-zod's own compiler flattens them into Ajv-like errors.)
 */
const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: new RequestValidationError(result.error) };
  };

export async function buildServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: JSON_BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    // Path parameters are short ids; a longer one is refused before routing.
    routerOptions: { maxParamLength: 200 },
    // A client that sends its request slowly cannot hold a socket forever.
    requestTimeout: 30_000,
    // What Node's HTTP parser refuses (broken framing, headers over 16 kB) also gets Dutch problem details.
    clientErrorHandler: answerClientError,
    // A URL the router cannot decode never reaches the hooks or the error handler; it gets problem
    // details and the headers the hooks would have set.
    frameworkErrors: (error, request, reply) => {
      reply.headers({
        "API-Version": API_VERSION,
        "cache-control": "no-store",
        "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
        "x-content-type-options": "nosniff",
      });
      return sendProblem(reply, problemFor(error, request));
    },
  });
  const catalog = new RegionCatalog(options.regionsRoot);
  const rateLimit = options.rateLimit ?? { max: 60, timeWindowMs: 60_000 };
  const todayFn = options.today ?? today;
  const sessions = options.store ? new SessionLayer(options.store, sessionSettings(options.auth)) : undefined;
  const oidc = sessions && options.auth?.oidc ? new OidcClient(options.auth.oidc) : undefined;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON, except where a route adds its own parser (the iJw route takes XML).
  app.removeContentTypeParser("text/plain");

  app.setErrorHandler((error, request, reply) => sendProblem(reply, problemFor(error, request)));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      problemFor(
        notFound(
          `Er is geen bron op dit adres (${request.method}). Zie /api/docs voor de bronnen van deze API.`,
        ),
        request,
      ),
    ),
  );

  // The strict default for JSON; the documentation page sets its own policy (openapi.ts).
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    crossOriginResourcePolicy: { policy: "same-origin" },
    referrerPolicy: { policy: "no-referrer" },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => tooManyRequests(Math.ceil(context.ttl / 1000)),
  });

  decorateRequests(app);
  await sessions?.register(app);

  app.addHook("onSend", async (_request, reply, payload) => {
    reply.header("API-Version", API_VERSION);
    // Answers depend on the model version and the date: nothing in between should keep them.
    if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
    return payload;
  });

  await registerOpenApi(app, sessions ? { sessionCookie: sessions.settings.cookieName } : {});
  if (options.webRoot) await registerWebApp(app, options.webRoot);

  const api = app.withTypeProvider<ZodTypeProvider>();
  await api.register(
    async (v1) => {
      await v1.register(regionRoutes(catalog, todayFn));
      await v1.register(adviceRoutes(catalog, rateLimit));
      await v1.register(ijwRoutes({ today: todayFn, rateLimit }));
      if (sessions) await v1.register(sessionRoutes(sessions, oidc));
      if (options.store) {
        const registry = {
          store: options.store,
          today: todayFn,
          providerGraceDays: options.providerGraceDays ?? DEFAULT_PROVIDER_GRACE_DAYS,
          searchRateLimit: options.searchRateLimit ?? { max: 30, timeWindowMs: 60_000 },
          // The files are read afresh first: the check judges what the reload would serve.
          checkModels: () => {
            catalog.reload();
            return catalog.regionIds().map((regionId) => ({
              regionId,
              errors: catalog.check(regionId).filter((f) => f.severity === "error").length,
            }));
          },
          onModelsReloaded: () => {
            catalog.reload();
            forgetCompiledRegions();
          },
        };
        await v1.register(registryRoutes(registry));
        await v1.register(ijwExchangeRoutes(registry));
      }

      v1.get(
        "/health",
        {
          schema: {
            operationId: "health",
            querystring: noQuerySchema,
            tags: ["beheer"],
            summary: "Draait de server?",
            description: "Geeft status ok zolang de server verzoeken beantwoordt. Leest geen register.",
            response: { 200: healthSchema, ...problemResponses(400) },
          },
        },
        async () => ({ status: "ok" as const, version: ENGINE_VERSION, regions: catalog.regionIds().length }),
      );

      v1.get(
        "/openapi.json",
        {
          schema: {
            operationId: "getOpenApi",
            querystring: noQuerySchema,
            tags: ["beheer"],
            summary: "Dit OpenAPI-document",
            description: "Het OpenAPI 3.1-document van deze API, gemaakt uit de code.",
            response: {
              200: z.record(z.string(), z.unknown()).describe("het OpenAPI-document"),
              ...problemResponses(400),
            },
          },
        },
        async (_request, reply) => reply.header("access-control-allow-origin", "*").send(app.swagger()),
      );
    },
    { prefix: API_BASE },
  );

  // The address issue 6 names; the same document as <base>/openapi.json (NL API Design Rules).
  app.get("/api/openapi.json", { schema: { hide: true } }, async (_request, reply) =>
    reply.header("access-control-allow-origin", "*").send(app.swagger()),
  );

  await app.ready();
  return app;
}

export interface StartOptions extends ServerOptions {
  port?: number;
  /** Default 127.0.0.1: reachable from this machine only, until login exists. */
  host?: string;
}

/**
 * A request as the technical log shows it: query values are left out, so an OpenID Connect code or state
 * (or anything else a client put in a URL) never lands in the log; the parameter names stay.
 */
export function logRequest(request: FastifyRequest) {
  const [path, query] = request.url.split("?", 2);
  const names = query ? [...new URLSearchParams(query).keys()].map((k) => `${k}=…`).join("&") : "";
  return {
    method: request.method,
    url: hideBsnLike(names ? `${path}?${names}` : (path ?? "")),
    remoteAddress: request.ip,
  };
}

/** Starts listening; returns the server and the address it listens on. */
export async function startServer(
  options: StartOptions = {},
): Promise<{ app: FastifyInstance; address: string }> {
  const app = await buildServer({ logger: { level: "info", serializers: { req: logRequest } }, ...options });
  const address = await app.listen({ port: options.port ?? 3000, host: options.host ?? "127.0.0.1" });
  return { app, address };
}
