import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";
import type { OpenAPIV3_1 } from "openapi-types";
import { PROBLEM_CONTENT_TYPE, problemSchema } from "./problem.ts";

/**
 * The OpenAPI 3.1 document, generated from the routes' zod schemas by @fastify/swagger, and the
 * conventions of the NL API Design Rules that a route cannot state itself: the API-Version header on
 * every response (/core/version-header), problem details for errors (/core/error-handling), the
 * document at <base>/openapi.json with CORS open (/core/publish-openapi).
 */

/** The API's own version (semver); its major version is in the path, /api/v1. */
export const API_VERSION = "1.0.0";
export const API_BASE = "/api/v1";

const statusDescriptions: Record<number, string> = {
  400: "Ongeldige invoer: elk veld met de reden",
  401: "Niet aangemeld, of de sessie is verlopen",
  403: "Niet toegestaan: de rol mag dit niet, of het X-CSRF-Token ontbreekt of klopt niet",
  404: "Niet gevonden",
  413: "Inhoud te groot",
  415: "Verkeerd soort inhoud (Content-Type)",
  422: "Het register neemt dit niet aan: elk veld met de regel en de reden",
  429: "Te veel verzoeken; probeer het later opnieuw (zie Retry-After)",
  500: "Interne fout of fout in een regiomodel",
  503: "Tijdelijk niet beschikbaar (bijvoorbeeld de aanmeldserver)",
};

/** Route-level response declarations for problem details; the serializer checks them too. */
export function problemResponses<S extends number>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      {
        description: statusDescriptions[s] ?? "Fout",
        content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } },
      },
    ]),
  ) as Record<
    S,
    { description: string; content: { [PROBLEM_CONTENT_TYPE]: { schema: typeof problemSchema } } }
  >;
}

type Document = OpenAPIV3_1.Document;
type Operation = OpenAPIV3_1.OperationObject;

const methods = ["get", "put", "post", "delete", "patch", "options", "head", "trace"] as const;

/** Every "$ref" string below a node. */
function refsIn(node: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) for (const n of node) refsIn(n, out);
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.add(v);
      else refsIn(v, out);
    }
  }
  return out;
}

const SCHEMA_REF = "#/components/schemas/";

/**
 * fastify-type-provider-zod names each registered schema twice, "X" (output) and "XInput" (input),
 * whether they differ or not. Keeps one name where they are the same or only one is used, and drops
 * schemas nothing refers to, so the document says each thing once.
 */
function pruneSchemas(doc: Document): void {
  const schemas = doc.components?.schemas;
  if (!schemas) return;
  const used = (): Set<string> => {
    const seen = new Set<string>();
    const queue = [...refsIn(doc.paths)];
    while (queue.length > 0) {
      const ref = queue.pop() ?? "";
      if (!ref.startsWith(SCHEMA_REF) || seen.has(ref)) continue;
      seen.add(ref);
      queue.push(...refsIn(schemas[ref.slice(SCHEMA_REF.length)]));
    }
    return new Set([...seen].map((r) => r.slice(SCHEMA_REF.length)));
  };
  const renamed = new Map<string, string>();
  let inUse = used();
  for (const name of Object.keys(schemas)) {
    if (!name.endsWith("Input") || !inUse.has(name)) continue;
    const base = name.slice(0, -"Input".length);
    const same = (a: unknown) => JSON.stringify(a).replaceAll(/Input"/g, '"');
    if (!inUse.has(base) || same(schemas[name]) === same(schemas[base])) renamed.set(name, base);
  }
  if (renamed.size > 0) {
    const rewrite = (node: unknown): unknown =>
      JSON.parse(JSON.stringify(node), (key, value: unknown) =>
        key === "$ref" && typeof value === "string" && value.startsWith(SCHEMA_REF)
          ? SCHEMA_REF + (renamed.get(value.slice(SCHEMA_REF.length)) ?? value.slice(SCHEMA_REF.length))
          : value,
      );
    for (const [from, to] of renamed) {
      schemas[to] = schemas[from] as OpenAPIV3_1.SchemaObject;
      delete schemas[from];
    }
    for (const name of Object.keys(schemas))
      schemas[name] = rewrite(schemas[name]) as OpenAPIV3_1.SchemaObject;
    doc.paths = rewrite(doc.paths) as OpenAPIV3_1.PathsObject;
  }
  inUse = used();
  for (const name of Object.keys(schemas)) if (!inUse.has(name)) delete schemas[name];
}

/** Adds what every operation has in common, after the routes' own parts are generated. */
export function finishDocument(doc: Document): Document {
  pruneSchemas(doc);
  const components = (doc.components ??= {});
  components.headers = {
    ...components.headers,
    "API-Version": {
      description: "De volledige versie van deze API (semver)",
      schema: { type: "string" },
      example: API_VERSION,
    },
  };
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!item) continue;
    for (const method of methods) {
      const op: Operation | undefined = item[method];
      if (!op) continue;
      op.responses ??= {};
      if (!op.responses["500"]) {
        op.responses["500"] = {
          description: statusDescriptions[500] ?? "Interne fout",
          content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: "#/components/schemas/Problem" } } },
        };
      }
      for (const [status, response] of Object.entries(op.responses)) {
        if ("$ref" in response) continue;
        if (response.description === "Default Response") response.description = "Gelukt";
        const headers: Record<string, OpenAPIV3_1.HeaderObject | OpenAPIV3_1.ReferenceObject> = {
          ...response.headers,
          "API-Version": { $ref: "#/components/headers/API-Version" },
        };
        if (path === "/openapi.json" && status.startsWith("2")) {
          headers["Access-Control-Allow-Origin"] = {
            description: "Iedereen mag het OpenAPI-document ophalen",
            schema: { type: "string", enum: ["*"] },
          };
        }
        if (status === "302") {
          headers.Location = {
            description: "Het adres waar de browser heen gaat",
            schema: { type: "string" },
          };
        }
        if (status === "429") {
          headers["Retry-After"] = {
            description: "Na hoeveel seconden een nieuw verzoek kan",
            schema: { type: "integer" },
          };
        }
        response.headers = headers;
      }
    }
  }
  return doc;
}

export interface OpenApiOptions {
  /** The server has a registry, so the /sessie routes exist: their tag and the session cookie are documented. */
  sessionCookie?: string;
}

export async function registerOpenApi(app: FastifyInstance, options: OpenApiOptions = {}): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Wegwijzer API",
        version: API_VERSION,
        description: [
          "Advies over segment, route en coördinatie in de jeugdhulp (Jeugdwet), met uitleg en bronnen,",
          "de regiomodellen waar het advies uit komt, en de controle van iJw-berichten.",
          "",
          "Deze versie bevat geen persoonsgegevens: er is nog geen toegang tot het register (cliënten,",
          "aanmeldingen, toewijzingen); wel kan een gebruiker zich aanmelden. Fouten komen als application/problem+json",
          "(RFC 9457) met een Nederlandse uitleg en, bij ongeldige invoer, elk veld met de reden.",
        ].join("\n"),
        contact: { name: "Wegwijzer" },
        license: { name: "EUPL-1.2", identifier: "EUPL-1.2" },
      },
      servers: [{ url: API_BASE, description: "deze server" }],
      // Said explicitly: no route of this version needs a login, because none serves personal data.
      security: [],
      tags: [
        { name: "regio's", description: "Regiomodellen en hun controle" },
        { name: "advies", description: "Advies voor een casus" },
        { name: "ijw", description: "iJw 3.2-berichten controleren" },
        { name: "beheer", description: "Status van de server en dit document" },
        ...(options.sessionCookie
          ? [
              {
                name: "sessie",
                description: [
                  `Aanmelden en afmelden. De sessie zit in het cookie ${options.sessionCookie} (HttpOnly, Secure,`,
                  "SameSite=Strict). Een verzoek dat iets verandert (POST, PUT, PATCH, DELETE) en met dat cookie",
                  "komt, heeft de kopregel X-CSRF-Token nodig met het csrfToken uit GET /sessie; anders 403.",
                ].join("\n"),
              },
            ]
          : []),
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: (input) => finishDocument(jsonSchemaTransformObject(input) as Document),
  });

  await app.register(fastifySwaggerUi, {
    routePrefix: "/api/docs",
    uiConfig: { docExpansion: "list", deepLinking: true, validatorUrl: null },
    theme: { title: "Wegwijzer API" },
    // Swagger UI loads only its own files; inline styles are set by its scripts.
    staticCSP:
      "default-src 'self'; base-uri 'self'; connect-src 'self'; font-src 'self' data:; form-action 'self'; " +
      "frame-ancestors 'none'; img-src 'self' data:; object-src 'none'; script-src 'self'; " +
      "script-src-attr 'none'; style-src 'self' 'unsafe-inline'",
  });
}
