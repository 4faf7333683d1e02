import { randomBytes } from "node:crypto";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { buildServer } from "../../src/server/app.ts";
import { csrfTokenFor, hashToken, sessionSettings } from "../../src/server/auth/sessions.ts";
import type { Store } from "../../src/store/database.ts";
import { insertSession } from "../../src/store/sessions.ts";

/** What the API tests share: a server on a store, and a signed-in session for any user of the store. */

export const COOKIE = sessionSettings().cookieName;

export async function apiOn(store: Store, today = "2026-06-01"): Promise<FastifyInstance> {
  return buildServer({
    store,
    today: () => today,
    auth: { demoLogin: true },
    // Rate limits are tested on their own; here they would only hide answers behind 429.
    rateLimit: { max: 1_000_000, timeWindowMs: 60_000 },
    searchRateLimit: { max: 1_000_000, timeWindowMs: 60_000 },
  });
}

export interface Session {
  userId: string;
  cookie: string;
  csrf: string;
}

/** A session for a user, made the way a login makes one (a random token; the table keeps its hash). */
export async function sessionFor(store: Store, userId: string): Promise<Session> {
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  await insertSession(store.db, {
    idHash: hashToken(token),
    userId,
    data: { method: "test" },
    createdAt: now,
    expiresAt: new Date(now.getTime() + 30 * 60_000),
  });
  return { userId, cookie: `${COOKIE}=${token}`, csrf: csrfTokenFor(token) };
}

/** A request as the session's user: the cookie always, the CSRF token on changes. */
export function as(
  app: FastifyInstance,
  session: Session | undefined,
  options: InjectOptions & { traceId?: string },
): Promise<LightMyRequestResponse> {
  const { traceId, ...rest } = options;
  const headers: Record<string, string> = { ...(rest.headers as Record<string, string> | undefined) };
  if (session) {
    headers.cookie = session.cookie;
    if (rest.method && !["GET", "HEAD", "OPTIONS"].includes(rest.method))
      headers["x-csrf-token"] = session.csrf;
  }
  if (traceId) headers.traceparent = `00-${traceId}-${"1".repeat(16)}-01`;
  return app.inject({ ...rest, headers });
}
