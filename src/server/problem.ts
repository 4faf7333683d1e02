import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { dutchReason } from "../domain/case.ts";
import "../domain/zod-nl.ts";
import { ModelLoadError } from "../rules/load.ts";
import { RuleTieError } from "../rules/engine.ts";

/**
 * Errors as problem details (RFC 9457, application/problem+json), with a Dutch title and detail. A
 * refusal of input lists every field (JSON pointer) with the reason. No stack trace and no raw error
 * message of an unexpected error ever reaches the client: those are logged on the server.
 */

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** Where a refused value was: the request body, the query string, the path or a header. */
export const problemLocations = ["body", "query", "path", "header"] as const;
export type ProblemLocation = (typeof problemLocations)[number];

export const problemTypes = {
  invalidInput: "urn:wegwijzer:problem:invalid-input",
  notFound: "urn:wegwijzer:problem:not-found",
  unauthorized: "urn:wegwijzer:problem:unauthorized",
  forbidden: "urn:wegwijzer:problem:forbidden",
  payloadTooLarge: "urn:wegwijzer:problem:payload-too-large",
  unsupportedMediaType: "urn:wegwijzer:problem:unsupported-media-type",
  notAcceptable: "urn:wegwijzer:problem:not-acceptable",
  tooManyRequests: "urn:wegwijzer:problem:too-many-requests",
  modelDefect: "urn:wegwijzer:problem:model-defect",
  unavailable: "urn:wegwijzer:problem:unavailable",
  internal: "urn:wegwijzer:problem:internal",
} as const;

export const fieldErrorSchema = z
  .object({
    in: z.enum(problemLocations).describe("waar de waarde stond: body, query, path of header"),
    pointer: z
      .string()
      .describe(
        "JSON pointer (RFC 6901, als URI-fragment) naar het veld binnen dat deel, bijvoorbeeld #/case/birthDate",
      ),
    detail: z.string().describe("waarom de waarde niet goed is, in het Nederlands"),
    code: z.string().describe("vaste code van de fout, bijvoorbeeld invalid_type of unrecognized_keys"),
  })
  .meta({ id: "FieldError" });
export type FieldError = z.infer<typeof fieldErrorSchema>;

export const problemSchema = z
  .object({
    type: z.string().describe(`soort probleem: ${Object.values(problemTypes).join(", ")}`),
    title: z.string().describe("korte Nederlandse titel van de soort probleem"),
    status: z.number().int().min(400).max(599).describe("de HTTP-statuscode"),
    detail: z.string().describe("wat er misging bij dit verzoek, in het Nederlands"),
    errors: z.array(fieldErrorSchema).optional().describe("bij ongeldige invoer: elk veld met de reden"),
  })
  .meta({ id: "Problem", description: "Foutmelding volgens RFC 9457 (application/problem+json)" });
export type Problem = z.infer<typeof problemSchema>;

/** A refusal raised by a handler; the error handler turns it into problem details. */
export class ApiProblem extends Error {
  override name = "ApiProblem";
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string,
    readonly errors?: FieldError[],
  ) {
    super(detail);
  }
}

export function invalidInput(detail: string, errors: FieldError[]): ApiProblem {
  return new ApiProblem(400, problemTypes.invalidInput, "Ongeldige invoer", detail, errors);
}

export function notFound(detail: string): ApiProblem {
  return new ApiProblem(404, problemTypes.notFound, "Niet gevonden", detail);
}

/** 401: no one is signed in (or the session has ended). */
export function unauthorized(detail: string): ApiProblem {
  return new ApiProblem(401, problemTypes.unauthorized, "Niet aangemeld", detail);
}

/** 403: signed in, but this role may not do this (or the request lacks its CSRF token). */
export function forbidden(detail: string): ApiProblem {
  return new ApiProblem(403, problemTypes.forbidden, "Niet toegestaan", detail);
}

export function unsupportedMediaType(detail: string): ApiProblem {
  return new ApiProblem(415, problemTypes.unsupportedMediaType, "Verkeerd soort inhoud", detail);
}

/** RFC 6901 pointer as a URI fragment: "~" and "/" escaped in each token, then percent-encoded. */
export function jsonPointer(path: readonly PropertyKey[]): string {
  const tokens = path.map((p) => encodeURIComponent(String(p).replaceAll("~", "~0").replaceAll("/", "~1")));
  return `#${tokens.map((t) => `/${t}`).join("")}`;
}

/**
 * A BSN is never echoed (design.md §6): runs of nine or more digits in any text we send back are
 * hidden, whatever field they came in. A BSN has nine digits; longer runs hide one inside them.
 */
export function hideBsnLike(text: string): string {
  return text.replace(/\d{9,}/g, "[verborgen]");
}

/** Zod's issues as field errors: one per field, unknown keys one each, reasons in Dutch. */
export function fieldErrors(error: z.ZodError, where: ProblemLocation): FieldError[] {
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys)
        out.push({
          in: where,
          pointer: jsonPointer([...issue.path, key]),
          detail: "onbekend veld",
          code: issue.code,
        });
      continue;
    }
    const root = issue.path.length === 0;
    const detail =
      root && issue.code === "invalid_type" && issue.expected === "object"
        ? `${partName[where]} moet een JSON-object zijn`
        : dutchReason(issue);
    out.push({ in: where, pointer: jsonPointer(issue.path), detail, code: issue.code });
  }
  return out;
}

const partName: Record<ProblemLocation, string> = {
  body: "de inhoud van het verzoek",
  query: "de zoekparameters",
  path: "het pad",
  header: "de kopregels",
};

/** The validator compiler's refusal: keeps zod's error, so the handler can name every field. */
export class RequestValidationError extends Error {
  override name = "RequestValidationError";
  readonly statusCode = 400;
  /** Set by Fastify: body, querystring, params or headers. */
  validationContext?: string;
  constructor(readonly zodError: z.ZodError) {
    super("ongeldige invoer");
  }
}

const contextLocation: Record<string, ProblemLocation> = {
  body: "body",
  querystring: "query",
  params: "path",
  headers: "header",
};

/** Dutch texts for the refusals Fastify itself raises before a handler runs (by its error code). */
const fastifyRefusals: Record<string, Problem> = {
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    type: problemTypes.invalidInput,
    title: "Ongeldige invoer",
    // secure-json-parse refuses __proto__ and constructor.prototype with the same error.
    detail: "De inhoud is geen geldige JSON, of bevat een verboden sleutel (__proto__, constructor).",
    errors: [{ in: "body", pointer: "#", detail: "geen geldige JSON", code: "invalid_json" }],
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    type: problemTypes.unsupportedMediaType,
    title: "Verkeerd soort inhoud",
    detail:
      "Dit soort inhoud (Content-Type) neemt deze bron niet aan. Zie /api/openapi.json voor wat wel kan.",
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    type: problemTypes.invalidInput,
    title: "Ongeldige invoer",
    detail: "De lengte van de inhoud (Content-Length) klopt niet met wat er is gestuurd.",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    type: problemTypes.invalidInput,
    title: "Ongeldige invoer",
    detail: "De inhoud is leeg, maar Content-Type zegt JSON. Stuur een JSON-object.",
  },
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    type: problemTypes.payloadTooLarge,
    title: "Inhoud te groot",
    detail: "De inhoud van het verzoek is groter dan deze bron aanneemt.",
  },
  FST_ERR_CTP_INVALID_TYPE: {
    status: 415,
    type: problemTypes.unsupportedMediaType,
    title: "Verkeerd soort inhoud",
    detail: "De kopregel Content-Type is niet goed gevormd.",
  },
  FST_ERR_CTP_INVALID_CHARSET: {
    status: 415,
    type: problemTypes.unsupportedMediaType,
    title: "Verkeerd soort inhoud",
    detail: "Deze tekenset neemt de bron niet aan; gebruik UTF-8.",
  },
  FST_ERR_BAD_URL: {
    status: 400,
    type: problemTypes.invalidInput,
    title: "Ongeldige invoer",
    detail: "Het adres (URL) is niet goed gevormd.",
  },
  FST_ERR_ASYNC_CONSTRAINT: {
    status: 400,
    type: problemTypes.invalidInput,
    title: "Ongeldige invoer",
    detail: "Het verzoek is niet goed gevormd.",
  },
};

/** Dutch titles for HTTP statuses that reach the handler without a known code. */
const statusTitles: Record<number, string> = {
  400: "Ongeldige invoer",
  401: "Niet aangemeld",
  403: "Niet toegestaan",
  404: "Niet gevonden",
  405: "Methode niet toegestaan",
  406: "Niet aanvaardbaar",
  408: "Verzoek duurde te lang",
  413: "Inhoud te groot",
  414: "Adres te lang",
  415: "Verkeerd soort inhoud",
  429: "Te veel verzoeken",
  431: "Kopregels te groot",
  500: "Interne fout",
  503: "Tijdelijk niet beschikbaar",
};

const statusTypes: Record<number, string> = {
  401: problemTypes.unauthorized,
  403: problemTypes.forbidden,
  404: problemTypes.notFound,
  406: problemTypes.notAcceptable,
  413: problemTypes.payloadTooLarge,
  415: problemTypes.unsupportedMediaType,
  429: problemTypes.tooManyRequests,
  503: problemTypes.unavailable,
};

/** Sends problem details; every text passes the BSN filter. */
export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  const body: Problem = {
    type: problem.type,
    title: problem.title,
    status: problem.status,
    detail: hideBsnLike(problem.detail),
    ...(problem.errors
      ? {
          errors: problem.errors.map((e) => ({
            ...e,
            pointer: hideBsnLike(e.pointer),
            detail: hideBsnLike(e.detail),
          })),
        }
      : {}),
  };
  return reply.code(problem.status).type(PROBLEM_CONTENT_TYPE).send(body);
}

/** Turns any error into problem details; 5xx are logged with their stack, never sent. */
export function problemFor(error: unknown, request: FastifyRequest): Problem {
  if (error instanceof ApiProblem) {
    return {
      type: error.type,
      title: error.title,
      status: error.status,
      detail: error.detail,
      ...(error.errors ? { errors: error.errors } : {}),
    };
  }
  if (error instanceof RequestValidationError) {
    const where = contextLocation[error.validationContext ?? ""] ?? "body";
    const errors = fieldErrors(error.zodError, where);
    const named = [...new Set(errors.map((e) => e.pointer))];
    const list = named.length > 10 ? `${named.slice(0, 10).join(", ")} en meer` : named.join(", ");
    return {
      type: problemTypes.invalidInput,
      title: "Ongeldige invoer",
      status: 400,
      detail:
        named.length === 1
          ? `Eén veld is niet goed: ${list}.`
          : `${named.length} velden zijn niet goed: ${list}.`,
      errors,
    };
  }
  if (error instanceof ModelLoadError || error instanceof RuleTieError) {
    request.log.error({ err: error }, "fout in een regiomodel");
    return {
      type: problemTypes.modelDefect,
      title: "Fout in het regiomodel",
      status: 500,
      detail:
        "Het regiomodel heeft een fout, daardoor kan er geen advies komen. De beheerder van het model is nodig; de statische controle (GET /api/v1/regions/{id}/check) noemt de fout.",
    };
  }
  const fastifyError = error as Partial<FastifyError>;
  const code = fastifyError.code ?? "";
  const known = fastifyRefusals[code];
  if (known) return { ...known };
  const status = typeof fastifyError.statusCode === "number" ? fastifyError.statusCode : 500;
  if (status >= 400 && status < 500) {
    // A refusal we have no own words for: a fixed Dutch text, never the library's message.
    return {
      type: statusTypes[status] ?? problemTypes.invalidInput,
      title: statusTitles[status] ?? "Ongeldig verzoek",
      status,
      detail: "Het verzoek is niet goed gevormd.",
    };
  }
  request.log.error({ err: error }, "onverwachte fout");
  return {
    type: problemTypes.internal,
    title: "Interne fout",
    status: 500,
    detail: "Er ging iets mis aan onze kant. Probeer het later opnieuw; blijft het misgaan, meld het dan.",
  };
}

export function tooManyRequests(retryAfterSeconds: number): ApiProblem {
  return new ApiProblem(
    429,
    problemTypes.tooManyRequests,
    "Te veel verzoeken",
    `U heeft te veel verzoeken gedaan. Probeer het over ${retryAfterSeconds} seconden opnieuw.`,
  );
}
