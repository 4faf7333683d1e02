import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import fastifyCookie, { type CookieSerializeOptions } from "@fastify/cookie";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { type Actor, ROLE_NAMES } from "../../registry/access.ts";
import { appendAudit } from "../../store/audit.ts";
import type { Store } from "../../store/database.ts";
import {
  deleteExpiredSessions,
  deleteSession,
  extendSession,
  findSession,
  insertSession,
  takePreLogin,
} from "../../store/sessions.ts";
import type { UserRecord } from "../../store/users.ts";
import { API_BASE } from "../openapi.ts";
import { forbidden } from "../problem.ts";
import type { RateLimit } from "../routes-advice.ts";
import type { OidcOptions } from "./oidc.ts";
import "./request.ts";

/**
 * Server-side sessions on @fastify/cookie (a BFF session: the browser holds a random token in an
 * HttpOnly cookie, the server the rest). Written by hand rather than with @fastify/session because what
 * matters here is small and specific: only the token's SHA-256 is stored, an idle and an absolute end,
 * a deactivated user's session ending at once, and the CSRF token derived from the session token.
 *
 * Cookies:
 * - the session cookie: HttpOnly, Secure, SameSite=Strict, Path=/. Strict is enough, also after an
 *   OpenID Connect login: a cookie set in the answer to a top-level navigation is kept, and the pages
 *   and API calls that follow come from this site.
 * - the login-flow cookie (OpenID Connect only): SameSite=Lax, because the IdP sends the browser back
 *   with a cross-site GET, which a Strict cookie would not come with; it lives 10 minutes, only on
 *   /api/v1/sessie/oidc, and carries no authority (it points at state, nonce and the PKCE verifier).
 * With `secure` on (the default) the names carry the __Host-/__Secure- prefixes, so the browser refuses
 * them from plain http or from another (sub)domain.
 */

export interface AuthOptions {
  /** A session ends after this long without a request; default 30 minutes. */
  idleTimeoutMs?: number;
  /** …and this long after login, whatever happens; default 8 hours. */
  absoluteTimeoutMs?: number;
  /** The cookies' Secure flag; default true. Off only for plain http on this machine. */
  secureCookie?: boolean;
  /** POST /sessie/demo signs in as a demo user without a password; default off. */
  demoLogin?: boolean;
  /** OpenID Connect login; absent: not available. */
  oidc?: OidcOptions;
  /** Login attempts per client address; default 10 a minute. */
  loginRateLimit?: RateLimit;
}

export interface SessionSettings {
  idleMs: number;
  absoluteMs: number;
  secure: boolean;
  cookieName: string;
  flowCookieName: string;
  demoLogin: boolean;
  loginRateLimit: RateLimit;
}

export function sessionSettings(options: AuthOptions = {}): SessionSettings {
  const secure = options.secureCookie ?? true;
  return {
    idleMs: options.idleTimeoutMs ?? 30 * 60_000,
    absoluteMs: options.absoluteTimeoutMs ?? 8 * 3_600_000,
    secure,
    cookieName: secure ? "__Host-wegwijzer-sessie" : "wegwijzer-sessie",
    flowCookieName: secure ? "__Secure-wegwijzer-aanmelden" : "wegwijzer-aanmelden",
    demoLogin: options.demoLogin ?? false,
    loginRateLimit: options.loginRateLimit ?? { max: 10, timeWindowMs: 60_000 },
  };
}

/** A pre-login row lives this long: time enough to sign in at the IdP, not to keep it around. */
const LOGIN_FLOW_MS = 10 * 60_000;
/** The idle end moves at most once a minute, so a busy user does not cost a write per request. */
const EXTEND_STEP_MS = 60_000;
const FLOW_PATH = `${API_BASE}/sessie/oidc`;
const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** 32 random bytes, base64url: what we hand out; anything else is not looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");
const newToken = (): string => randomBytes(32).toString("base64url");

/**
 * The CSRF token is derived from the session token (keyed hash), so it is never stored and changes with
 * every login; only a page that could read our own answer (GET /sessie) can know it.
 */
export const csrfTokenFor = (token: string): string =>
  createHmac("sha256", token).update("wegwijzer-csrf").digest("base64url");

interface ActiveSession {
  token: string;
  idHash: string;
  expiresAt: Date;
}

/** The session a request came with, once the onRequest hook has accepted it. */
const active = new WeakMap<FastifyRequest, ActiveSession>();

export interface SessionView {
  userId: string;
  name: string;
  role: Actor["role"];
  roleName: string;
  organisation: string;
  municipality: string | null;
  providerAgb: string | null;
  regionId: string | null;
  segment: string | null;
  csrfToken: string;
  expiresAt: string;
}

function actorOf(user: UserRecord): Actor {
  return {
    userId: user.userId,
    name: user.name,
    role: user.role,
    organisation: user.organisation,
    municipality: user.municipality ?? null,
    providerAgb: user.providerAgb ?? null,
    regionId: user.regionId ?? null,
    segment: user.segment ?? null,
  };
}

export class SessionLayer {
  constructor(
    readonly store: Store,
    readonly settings: SessionSettings,
  ) {}

  private cookieOptions(): CookieSerializeOptions {
    return { path: "/", httpOnly: true, secure: this.settings.secure, sameSite: "strict" };
  }

  private flowCookieOptions(): CookieSerializeOptions {
    return { path: FLOW_PATH, httpOnly: true, secure: this.settings.secure, sameSite: "lax" };
  }

  /** @fastify/cookie and the hook that turns a session cookie into request.actor and checks CSRF. */
  async register(app: FastifyInstance): Promise<void> {
    await app.register(fastifyCookie);
    app.addHook("onRequest", async (request, reply) => {
      const token = request.cookies[this.settings.cookieName];
      if (token === undefined) return;
      const session = TOKEN.test(token) ? await this.accept(token) : undefined;
      if (!session) {
        // A cookie that opens nothing carries no authority, so it needs no CSRF token either; it is dropped.
        reply.clearCookie(this.settings.cookieName, this.cookieOptions());
        return;
      }
      if (UNSAFE.has(request.method)) checkCsrf(request, token);
      request.actor = session.actor;
      active.set(request, { token, idHash: session.idHash, expiresAt: session.expiresAt });
    });
  }

  /** The session of a token if it is still valid (and moves its idle end); ended ones are removed. */
  private async accept(
    token: string,
  ): Promise<{ actor: Actor; idHash: string; expiresAt: Date } | undefined> {
    const idHash = hashToken(token);
    const found = await findSession(this.store.db, idHash);
    if (!found) return undefined;
    const now = Date.now();
    const hardEnd = found.session.createdAt.getTime() + this.settings.absoluteMs;
    if (found.session.expiresAt.getTime() <= now || hardEnd <= now || !found.user.active) {
      await deleteSession(this.store.db, idHash);
      return undefined;
    }
    let expiresAt = found.session.expiresAt;
    const next = Math.min(now + this.settings.idleMs, hardEnd);
    if (next - expiresAt.getTime() >= EXTEND_STEP_MS) {
      expiresAt = new Date(next);
      await extendSession(this.store.db, idHash, expiresAt);
    }
    return { actor: actorOf(found.user), idHash, expiresAt };
  }

  /** What GET /sessie answers; undefined when the request has no valid session. */
  view(request: FastifyRequest): SessionView | undefined {
    const session = active.get(request);
    if (!session || !request.actor) return undefined;
    const actor = request.actor;
    return {
      userId: actor.userId,
      name: actor.name,
      role: actor.role,
      roleName: ROLE_NAMES[actor.role],
      organisation: actor.organisation,
      municipality: actor.municipality ?? null,
      providerAgb: actor.providerAgb ?? null,
      regionId: actor.regionId ?? null,
      segment: actor.segment ?? null,
      csrfToken: csrfTokenFor(session.token),
      expiresAt: session.expiresAt.toISOString(),
    };
  }

  /**
   * Signs a user in: a new token every time (an old session of this browser ends), the row and the audit
   * record in one transaction, then the cookie.
   */
  async start(
    request: FastifyRequest,
    reply: FastifyReply,
    user: UserRecord,
    method: "demo" | "oidc",
  ): Promise<SessionView> {
    const now = new Date();
    const token = newToken();
    const idHash = hashToken(token);
    const expiresAt = new Date(now.getTime() + Math.min(this.settings.idleMs, this.settings.absoluteMs));
    const previous = request.cookies[this.settings.cookieName];
    const actor = actorOf(user);
    await this.store.db.transaction().execute(async (tx) => {
      if (previous && TOKEN.test(previous)) await deleteSession(tx, hashToken(previous));
      await deleteExpiredSessions(tx, now, new Date(now.getTime() - this.settings.absoluteMs));
      await insertSession(tx, { idHash, userId: user.userId, data: { method }, createdAt: now, expiresAt });
      await appendAudit(tx, {
        actor,
        action: "inloggen",
        resource: "sessie",
        resourceId: sessionRef(idHash),
        purpose: "inloggen",
        outcome: "ok",
        detail: { method },
        traceId: request.traceId,
      });
    });
    reply.setCookie(this.settings.cookieName, token, this.cookieOptions());
    request.actor = actor;
    active.set(request, { token, idHash, expiresAt });
    return this.view(request) as SessionView;
  }

  /** Signs out: the row goes, the cookie is cleared; audited when there was a session. */
  async end(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const session = active.get(request);
    if (session) {
      await this.store.db.transaction().execute(async (tx) => {
        await deleteSession(tx, session.idHash);
        await appendAudit(tx, {
          actor: request.actor,
          action: "uitloggen",
          resource: "sessie",
          resourceId: sessionRef(session.idHash),
          purpose: "inloggen",
          outcome: "ok",
          traceId: request.traceId,
        });
      });
      active.delete(request);
      request.actor = null;
    }
    reply.clearCookie(this.settings.cookieName, this.cookieOptions());
  }

  /** Keeps what an OpenID Connect callback must check in a pre-login row, behind the login-flow cookie. */
  async startFlow(reply: FastifyReply, data: Record<string, unknown>): Promise<void> {
    const now = new Date();
    const token = newToken();
    await this.store.db.transaction().execute(async (tx) => {
      await deleteExpiredSessions(tx, now, new Date(now.getTime() - this.settings.absoluteMs));
      await insertSession(tx, {
        idHash: hashToken(token),
        userId: null,
        data,
        createdAt: now,
        expiresAt: new Date(now.getTime() + LOGIN_FLOW_MS),
      });
    });
    reply.setCookie(this.settings.flowCookieName, token, {
      ...this.flowCookieOptions(),
      maxAge: LOGIN_FLOW_MS / 1000,
    });
  }

  /** Takes the pre-login row of this browser, once; the cookie is cleared whatever it held. */
  async takeFlow(request: FastifyRequest, reply: FastifyReply): Promise<Record<string, unknown> | undefined> {
    const token = request.cookies[this.settings.flowCookieName];
    if (token === undefined) return undefined;
    reply.clearCookie(this.settings.flowCookieName, this.flowCookieOptions());
    if (!TOKEN.test(token)) return undefined;
    return takePreLogin(this.store.db, hashToken(token), new Date());
  }
}

/** Names a session in the audit trail (to pair a login with its logout) without anything that opens it. */
const sessionRef = (idHash: string) => idHash.slice(0, 16);

function checkCsrf(request: FastifyRequest, token: string): void {
  const sent = request.headers["x-csrf-token"];
  if (typeof sent !== "string" || sent === "") {
    throw forbidden(
      "Dit verzoek verandert iets en komt met een sessie, maar de kopregel X-CSRF-Token ontbreekt. Haal het token op met GET /api/v1/sessie en stuur het mee.",
    );
  }
  const expected = Buffer.from(csrfTokenFor(token));
  const given = Buffer.from(sent);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw forbidden(
      "Het X-CSRF-Token hoort niet bij deze sessie. Haal het juiste token op met GET /api/v1/sessie; na opnieuw aanmelden is er een nieuw token.",
    );
  }
}
