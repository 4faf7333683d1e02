import fc from "fast-check";
import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Store } from "../src/store/database.ts";
import { type AccessWorld, buildAccessWorld } from "./support/access-world.ts";
import { apiOn, as, COOKIE, type Session, sessionFor } from "./support/api.ts";
import { checkAnswer } from "./support/problem-check.ts";
import { freshStore } from "./support/stores.ts";

/**
 * Property: signed in or not, with or without a CSRF token, whatever is sent to the registry routes
 * (wrong ids, numbers, dates, bodies, query parameters, cookies), the API never answers 5xx or shows a
 * stack trace, every refusal is problem+json in Dutch, and no BSN from the request comes back.
 */

let store: Store;
let done: () => Promise<void>;
let app: FastifyInstance;
let world: AccessWorld;
let session: Session;

beforeAll(async () => {
  ({ store, done } = await freshStore("pglite"));
  world = await buildAccessWorld(store);
  app = await apiOn(store);
  session = await sessionFor(store, "toegang-tilburg");
});
afterAll(async () => {
  await app.close();
  await done();
});

const anyJson = fc.jsonValue({ maxDepth: 3 });
const oddId = fc.oneof(
  fc.uuid(),
  fc.constantFrom(
    "..%2F..%2Fpackage.json",
    "%00",
    "T1000001",
    "1000001",
    "T",
    "' or 1=1 --",
    "999990019",
    "",
  ),
  fc.string({ maxLength: 60 }).map(encodeURIComponent),
);
const path = fc.oneof(
  oddId.map((id) => `/api/v1/clienten/${id}`),
  oddId.map((id) => `/api/v1/verwijzingen/${id}`),
  oddId.map((id) => `/api/v1/toewijzingen/${id}`),
  oddId.map((id) => `/api/v1/toewijzingen/${id}/beeindigen`),
  oddId.map((id) => `/api/v1/ijw/berichten/${id}`),
  oddId.map((id) => `/api/v1/logboek/clienten/${id}`),
  oddId.map((id) => `/api/v1/gebruikers/${id}`),
  fc.constantFrom(
    "/api/v1/clienten/zoeken",
    "/api/v1/clienten/noodtoegang",
    "/api/v1/verwijzingen",
    "/api/v1/toewijzingen",
    "/api/v1/termijnen",
    "/api/v1/ijw/berichten",
    "/api/v1/monitoring/toewijzingen",
    "/api/v1/logboek/verificatie",
  ),
);
const query = fc.oneof(
  fc.constant(""),
  fc.constantFrom(
    "?client=x",
    "?status=weg",
    "?peildatum=2026-02-30",
    "?richting=zij",
    "?nieuw=ja",
    "?bsn=999990019",
  ),
  fc
    .tuple(fc.string({ maxLength: 10 }), fc.string({ maxLength: 20 }))
    .map(([k, v]) => `?${encodeURIComponent(k)}=${encodeURIComponent(v)}`),
);
const body = fc.oneof(
  anyJson,
  fc.record(
    {
      bsn: fc.oneof(fc.constantFrom("999990019", "123456789", "", " 99999001 "), anyJson),
      reden: fc.oneof(fc.string({ maxLength: 40 }), anyJson),
      case: anyJson,
      idempotencyKey: fc.oneof(fc.string({ maxLength: 120 }), anyJson),
      clientId: fc.oneof(fc.uuid(), anyJson),
      einddatum: fc.oneof(fc.constantFrom("2026-13-01", "2026-06-30"), anyJson),
      role: fc.oneof(fc.constantFrom("toegang", "root"), anyJson),
    },
    { requiredKeys: [] },
  ),
);
const who = fc.constantFrom("signed-in", "no-csrf", "wrong-cookie", "anonymous");

const request = fc
  .tuple(fc.constantFrom("GET", "POST", "PUT", "DELETE", "PATCH"), path, query, body, who, fc.boolean())
  .map(([method, p, q, b, w, json]) => ({ method, url: `${p}${q}`, body: b, who: w, json }));

describe("the registry API refuses malformed input with problem details", () => {
  it(
    "never answers 5xx or shows a stack trace, and every refusal says why (fuzz)",
    { timeout: 120_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(request, async (r) => {
          const options: InjectOptions = {
            method: r.method as InjectOptions["method"],
            url: r.url,
            ...(r.method === "GET" || r.method === "DELETE"
              ? {}
              : r.json
                ? { payload: JSON.stringify(r.body) ?? "", headers: { "content-type": "application/json" } }
                : { payload: "<x/>", headers: { "content-type": "application/xml" } }),
          };
          const res =
            r.who === "signed-in"
              ? await as(app, session, options)
              : r.who === "no-csrf"
                ? await app.inject({ ...options, headers: { ...options.headers, cookie: session.cookie } })
                : r.who === "wrong-cookie"
                  ? await app.inject({ ...options, headers: { ...options.headers, cookie: `${COOKIE}=nep` } })
                  : await app.inject(options);
          checkAnswer(res, `${r.who} ${r.method} ${r.url}`);
          expect(res.body).not.toContain("999990019");
          for (const b of Object.values(world.bsn)) {
            if (!JSON.stringify(r.body ?? "").includes(b)) continue;
            expect(res.body).not.toContain(b);
          }
        }),
        { numRuns: Number(process.env.FUZZ_RUNS ?? 400) },
      );
    },
  );
});
