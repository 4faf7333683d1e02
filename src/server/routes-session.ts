import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { appendAudit } from "../store/audit.ts";
import { DEMO_USER_IDS, isDemoUserId } from "../store/demo-users.ts";
import { getUser, type UserRecord, userBySubject } from "../store/users.ts";
import { requireActor } from "./auth/guard.ts";
import { OidcClient, OidcLoginError, type PendingLogin } from "./auth/oidc.ts";
import type { SessionLayer } from "./auth/sessions.ts";
import { problemResponses } from "./openapi.ts";
import { ApiProblem, hideBsnLike, invalidInput, notFound, problemTypes, unauthorized } from "./problem.ts";
import {
  csrfHeaderSchema,
  demoLoginRequestSchema,
  noQuerySchema,
  oidcCallbackQuerySchema,
  oidcLoginQuerySchema,
  sessionSchema,
} from "./schemas.ts";

/**
 * /sessie: who is signed in, demo login, OpenID Connect login and logout. Registered only when the
 * server has a registry (the users and sessions live there).
 */
export function sessionRoutes(sessions: SessionLayer, oidc: OidcClient | undefined): FastifyPluginAsyncZod {
  const { store, settings } = sessions;
  const limit = {
    rateLimit: { max: settings.loginRateLimit.max, timeWindow: settings.loginRateLimit.timeWindowMs },
  };

  /** A refused login is audited; returns the problem to throw. */
  const refused = async (
    request: FastifyRequest,
    problem: ApiProblem,
    detail: Record<string, unknown>,
    actor: UserRecord | null = null,
  ): Promise<ApiProblem> => {
    await appendAudit(store.db, {
      actor,
      action: "inloggen-mislukt",
      resource: "sessie",
      purpose: "inloggen",
      outcome: "geweigerd",
      detail,
      traceId: request.traceId,
    });
    return problem;
  };

  return async (app) => {
    app.get(
      "/sessie",
      {
        schema: {
          operationId: "getSession",
          querystring: noQuerySchema,
          tags: ["sessie"],
          summary: "Wie is aangemeld",
          description: [
            "De aangemelde gebruiker met rol, organisatie en de gemeente, aanbieder of regio waarvoor die",
            "werkt, het CSRF-token voor verzoeken die iets veranderen, en wanneer de sessie eindigt.",
            "Zonder geldige sessie: 401.",
          ].join("\n"),
          response: { 200: sessionSchema, ...problemResponses(400, 401) },
        },
      },
      async (request) => {
        requireActor(request);
        const view = sessions.view(request);
        if (!view) throw unauthorized("Meld u eerst aan.");
        return view;
      },
    );

    app.post(
      "/sessie/demo",
      {
        config: limit,
        schema: {
          operationId: "loginDemo",
          querystring: noQuerySchema,
          headers: csrfHeaderSchema,
          tags: ["sessie"],
          summary: "Aanmelden als demogebruiker",
          description: [
            "Meldt aan als een van de fictieve demogebruikers (één per rol), zonder wachtwoord. Alleen op",
            `een demoserver (npm start); anders 404. Demogebruikers: ${DEMO_USER_IDS.join(", ")}.`,
            "Zet het sessiecookie en geeft hetzelfde antwoord als GET /sessie.",
          ].join("\n"),
          body: demoLoginRequestSchema,
          response: { 200: sessionSchema, ...problemResponses(400, 401, 403, 404, 415, 429) },
        },
      },
      async (request, reply) => {
        if (!settings.demoLogin) throw notFound("Aanmelden als demogebruiker staat uit op deze server.");
        const id = request.body.gebruiker;
        const user = isDemoUserId(id) ? await getUser(store, id) : undefined;
        if (!user?.active) {
          throw await refused(
            request,
            unauthorized(
              `Er is geen actieve demogebruiker '${id}'. Kies een van: ${DEMO_USER_IDS.join(", ")}.`,
            ),
            { method: "demo", reason: user ? "niet-actief" : "onbekende-gebruiker", user: id },
            user ?? null,
          );
        }
        return sessions.start(request, reply, user, "demo");
      },
    );

    app.delete(
      "/sessie",
      {
        schema: {
          operationId: "logout",
          querystring: noQuerySchema,
          headers: csrfHeaderSchema,
          tags: ["sessie"],
          summary: "Afmelden",
          description:
            "Beëindigt de sessie op de server en wist het cookie. Zonder sessie gebeurt er niets en is het antwoord ook 204.",
          response: {
            204: z.null().describe("Afgemeld"),
            ...problemResponses(400, 403),
          },
        },
      },
      async (request, reply) => {
        await sessions.end(request, reply);
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/sessie/oidc/login",
      {
        config: limit,
        schema: {
          operationId: "loginOidc",
          querystring: oidcLoginQuerySchema,
          tags: ["sessie"],
          summary: "Aanmelden via de aanmeldserver (OpenID Connect)",
          description: [
            "Stuurt de browser door naar de aanmeldserver van de organisatie (authorization code met PKCE).",
            "Daarna komt de browser terug op /sessie/oidc/callback en dan op het pad `terug`.",
            "404 als OpenID Connect niet is ingesteld; 503 als de aanmeldserver niet te bereiken is.",
          ].join("\n"),
          response: {
            302: z.null().describe("Door naar de aanmeldserver (kopregel Location)"),
            ...problemResponses(400, 404, 429, 503),
          },
        },
      },
      async (request, reply) => {
        if (!oidc) throw notFound("Aanmelden via OpenID Connect is op deze server niet ingesteld.");
        const { url, pending } = await startOidc(oidc);
        await sessions.startFlow(reply, { ...pending, terug: request.query.terug ?? "/" });
        return reply.redirect(url.href, 302);
      },
    );

    app.get(
      "/sessie/oidc/callback",
      {
        config: limit,
        schema: {
          operationId: "loginOidcCallback",
          querystring: oidcCallbackQuerySchema,
          tags: ["sessie"],
          summary: "Terugkomst van de aanmeldserver (OpenID Connect)",
          description: [
            "Hier stuurt de aanmeldserver de browser heen. Wegwijzer controleert het antwoord, wisselt de code",
            "in en zoekt de gebruiker bij het subject van het ID-token. Gelukt: sessiecookie en door naar het",
            "pad `terug` van /sessie/oidc/login. Niet gelukt: 400 (aanmelden niet hier begonnen, verlopen of",
            "state klopt niet) of 401 (aanmeldserver weigert, of gebruiker onbekend of niet actief).",
          ].join("\n"),
          response: {
            302: z.null().describe("Aangemeld: door naar het pad terug (kopregel Location)"),
            ...problemResponses(400, 401, 404, 429, 503),
          },
        },
      },
      async (request, reply) => {
        if (!oidc) throw notFound("Aanmelden via OpenID Connect is op deze server niet ingesteld.");
        const flow = await sessions.takeFlow(request, reply);
        const pending = pendingOf(flow);
        if (!pending) {
          throw await refused(
            request,
            invalidInput(
              "Dit aanmelden is niet in deze browser begonnen, of het duurde langer dan 10 minuten. Begin opnieuw bij /api/v1/sessie/oidc/login.",
              [],
            ),
            { method: "oidc", reason: "geen-aanmeldpoging" },
          );
        }
        if (request.query.state !== pending.state) {
          throw await refused(
            request,
            invalidInput(
              "Het antwoord van de aanmeldserver hoort niet bij dit aanmelden (state klopt niet). Begin opnieuw.",
              [{ in: "query", pointer: "#/state", detail: "hoort niet bij dit aanmelden", code: "state" }],
            ),
            { method: "oidc", reason: "state-klopt-niet" },
          );
        }
        const rawQuery = request.url.includes("?") ? request.url.slice(request.url.indexOf("?")) : "";
        let subject: string;
        try {
          subject = (await oidc.finish(rawQuery, pending)).subject;
        } catch (error) {
          if (!(error instanceof OidcLoginError)) throw error;
          if (error.reason === "niet-bereikbaar") throw unreachable();
          request.log.warn(
            { reason: error.reason, code: error.idpError },
            "aanmelden via OpenID Connect mislukt",
          );
          throw await refused(
            request,
            unauthorized(
              error.reason === "idp-fout"
                ? `De aanmeldserver heeft het aanmelden niet voltooid${error.idpError ? ` (${error.idpError})` : ""}. Probeer het opnieuw.`
                : "Het antwoord van de aanmeldserver kon niet worden gecontroleerd. Probeer het opnieuw; blijft het misgaan, meld het dan.",
            ),
            { method: "oidc", reason: error.reason, ...(error.idpError ? { code: error.idpError } : {}) },
          );
        }
        const user = await userBySubject(store, subject);
        if (!user?.active) {
          throw await refused(
            request,
            unauthorized(
              user
                ? "Uw account in Wegwijzer is niet actief. Vraag de functioneel beheerder om het weer aan te zetten."
                : "U bent bij de aanmeldserver bekend, maar niet in Wegwijzer. Vraag de functioneel beheerder om u toe te voegen.",
            ),
            // The subject helps the admin find the account; a BSN-like one is not kept (hideBsnLike).
            {
              method: "oidc",
              reason: user ? "niet-actief" : "onbekende-gebruiker",
              subject: hideBsnLike(subject),
            },
            user ?? null,
          );
        }
        await sessions.start(request, reply, user, "oidc");
        return reply.redirect(pending.terug, 302);
      },
    );
  };
}

function unreachable(): ApiProblem {
  return new ApiProblem(
    503,
    problemTypes.unavailable,
    "Tijdelijk niet beschikbaar",
    "De aanmeldserver is nu niet te bereiken. Probeer het over een paar minuten opnieuw.",
  );
}

async function startOidc(oidc: OidcClient) {
  try {
    return await oidc.start();
  } catch (error) {
    if (error instanceof OidcLoginError) throw unreachable();
    throw error;
  }
}

function pendingOf(
  flow: Record<string, unknown> | undefined,
): (PendingLogin & { terug: string }) | undefined {
  if (!flow) return undefined;
  const { state, nonce, codeVerifier, terug } = flow;
  if (typeof state !== "string" || typeof nonce !== "string" || typeof codeVerifier !== "string")
    return undefined;
  return { state, nonce, codeVerifier, terug: typeof terug === "string" ? terug : "/" };
}
