import type { FastifyInstance } from "fastify";
import type { Actor } from "../../registry/access.ts";
import { newTraceId } from "../../store/audit.ts";

/**
 * What every request carries besides Fastify's own fields; the one place the request type is extended.
 * Routes read `request.actor` through requireActor (guard.ts), never directly, so "not signed in" and
 * "not allowed" are answered the same way everywhere.
 */
declare module "fastify" {
  interface FastifyRequest {
    /** The signed-in user of a valid session (user still active), else null. */
    actor: Actor | null;
    /** W3C trace-id: from a valid traceparent header, else new; audit records of this request share it. */
    traceId: string;
  }
}

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * The trace-id of a traceparent header (W3C Trace Context, level 1), or undefined when the header is not
 * one: version ff is invalid, version 00 has nothing after the flags, and an all-zero id is invalid.
 */
export function traceIdFrom(header: string | string[] | undefined): string | undefined {
  if (typeof header !== "string") return undefined;
  const m = TRACEPARENT.exec(header.trim());
  if (!m) return undefined;
  const [, version, traceId, parentId, , rest] = m;
  if (version === "ff" || (version === "00" && rest !== undefined)) return undefined;
  if (/^0+$/.test(traceId ?? "") || /^0+$/.test(parentId ?? "")) return undefined;
  return traceId;
}

/** Every request gets a trace id and, until the session layer finds one, no actor. */
export function decorateRequests(app: FastifyInstance): void {
  app.decorateRequest("actor", null);
  app.decorateRequest("traceId", "");
  app.addHook("onRequest", async (request) => {
    request.traceId = traceIdFrom(request.headers.traceparent) ?? newTraceId();
  });
}
