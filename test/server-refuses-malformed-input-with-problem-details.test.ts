import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseSchema } from "../src/domain/case.ts";
import { listRegionIds } from "../src/rules/load.ts";
import { buildServer } from "../src/server/app.ts";
import { checkAnswer, statuses } from "./support/problem-check.ts";

/**
 * Property: whatever a client sends (wrong types, missing or unknown fields, bad JSON, huge bodies,
 * wrong content types, odd methods, path traversal in ids), the API never answers 5xx, never shows a
 * stack trace or a file path, and every refusal is application/problem+json that says why in Dutch.
 */

const examples = ["segment-1-huisarts.json", "segment-4-enkelvoudig.json", "onvolledig.json"].map(
  (f) =>
    JSON.parse(readFileSync(join(import.meta.dirname, "..", "examples", f), "utf8")) as Record<
      string,
      unknown
    >,
);
const jw315 = readFileSync(join(import.meta.dirname, "fixtures", "ijw", "JW315-volledig.xml"), "utf8");
const regionIds = listRegionIds();
const caseKeys = Object.keys(caseSchema.shape);

let app: FastifyInstance;
beforeAll(async () => {
  // The rate limit is tested elsewhere; here it would only hide the answers behind 429.
  app = await buildServer({ today: () => "2026-11-22", rateLimit: { max: 1_000_000, timeWindowMs: 60_000 } });
});
afterAll(async () => {
  await app.close();
  if (process.env.FUZZ_RUNS) console.log("statuses", Object.fromEntries(statuses));
});

// ---------------------------------------------------------------------------------------------------
// Generators

/** Any JSON value, including the ones zod must refuse. */
const anyJson = fc.jsonValue({ maxDepth: 3 });

const mutatedCase = fc
  .tuple(
    fc.constantFrom(...examples),
    fc.constantFrom(...caseKeys, "naam", "bsn", "__proto__", "constructor", ""),
    fc.oneof(anyJson, fc.constant(undefined)),
  )
  .map(([c, key, value]) => {
    const copy: Record<string, unknown> = { ...c };
    if (value === undefined) delete copy[key];
    else Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
    return copy;
  });

const regionId = fc.oneof(
  fc.constantFrom(...regionIds),
  fc.constantFrom(
    "../jeugdwet",
    "..%2Fjeugdwet",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "jeugdwet/../spic",
    "\u0000",
    "",
    "A",
  ),
  fc.string({ maxLength: 80 }),
  anyJson,
);

const adviceBody = fc.record(
  {
    regionId,
    municipality: fc.oneof(
      fc.constantFrom("0855", "0867", "9999", "855", "08555"),
      fc.string({ maxLength: 8 }),
      anyJson,
    ),
    date: fc.oneof(
      fc.constantFrom("2024-03-01", "2024-02-30", "01-03-2024", "2024-3-1", "", "9999-12-31"),
      fc.string({ maxLength: 12 }),
      anyJson,
    ),
    case: fc.oneof(mutatedCase, anyJson),
    extra: anyJson,
  },
  { requiredKeys: [] },
);

const compareBody = fc.record(
  {
    regionIds: fc.oneof(fc.array(regionId, { maxLength: 12 }), anyJson),
    date: fc.oneof(fc.constantFrom("2024-03-01", "2024-13-01"), anyJson),
    keepMunicipality: anyJson,
    case: fc.oneof(mutatedCase, anyJson),
    extra: anyJson,
  },
  { requiredKeys: [] },
);

const anyContentType = fc.oneof(
  fc.constantFrom(
    "application/json",
    "application/json; charset=utf-8",
    "application/json; charset=latin1",
    "application/problem+json",
    "application/xml",
    "text/xml",
    "text/plain",
    "multipart/form-data; boundary=x",
    "application/x-www-form-urlencoded",
    "",
    ";;;",
  ),
  fc.string({ maxLength: 30 }),
);
/** Mostly the right type, so most bodies reach validation and the engine; sometimes any other. */
const contentType = (right: string) =>
  fc.oneof({ arbitrary: fc.constant(right), weight: 4 }, { arbitrary: anyContentType, weight: 1 });

/** A body as bytes on the wire: valid JSON, broken JSON, XML or random text. */
const rawBody = (json: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { arbitrary: json.map((v) => JSON.stringify(v) ?? ""), weight: 4 },
    { arbitrary: json.map((v) => (JSON.stringify(v) ?? "").slice(0, -1)), weight: 1 },
    { arbitrary: fc.string({ maxLength: 200 }), weight: 1 },
    {
      arbitrary: fc.constantFrom(
        "",
        "{",
        "null",
        "[]",
        '{"__proto__":{"x":1}}',
        '{"constructor":{"prototype":{"x":1}}}',
        jw315,
      ),
      weight: 1,
    },
  );

const request: fc.Arbitrary<InjectOptions & { what: string }> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("/api/v1/advice", "/api/v1/compare"),
      rawBody(fc.oneof(adviceBody, compareBody)),
      contentType("application/json"),
    )
    .map(([url, payload, ct]) => ({
      method: "POST" as const,
      url,
      payload,
      headers: ct === "" ? {} : { "content-type": ct },
      what: `POST ${url} ${ct} ${payload.slice(0, 120)}`,
    })),
  fc
    .tuple(
      fc.oneof(
        fc.constant(jw315),
        fc.string({ maxLength: 300 }),
        fc
          .tuple(fc.nat(jw315.length), fc.string({ maxLength: 10 }))
          .map(([i, s]) => jw315.slice(0, i) + s + jw315.slice(i + s.length)),
        fc.constant(jw315.replace("<jw315:Ontvanger>0855<", "<jw315:Ontvanger>123456789<")),
      ),
      contentType("application/xml"),
    )
    .map(([payload, ct]) => ({
      method: "POST" as const,
      url: "/api/v1/ijw/validate",
      payload,
      headers: ct === "" ? {} : { "content-type": ct },
      what: `POST /api/v1/ijw/validate ${ct}`,
    })),
  fc
    .tuple(
      fc.constantFrom("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"),
      fc.oneof(
        regionId.map(
          (id) => `/api/v1/regions/${typeof id === "string" ? encodeURIComponent(id) : JSON.stringify(id)}`,
        ),
        regionId.map((id) => `/api/v1/regions/${String(id)}/check`),
        fc.constantFrom(
          "/api/v1/regions",
          "/api/v1/health",
          "/api/v1/regions/",
          "/api/v1/regions/../../package.json",
          "/api/v1/regions/%2e%2e%2f%2e%2e%2fpackage.json",
          "/api/docs/static/../../../package.json",
          "/api/v1/regions?id=1",
          "/api/v1//regions",
          "/api/v2/regions",
          "/%00",
        ),
        // A request line always has a path; light-my-request cannot send an empty one.
        fc.webPath().map((p) => (p.startsWith("/") ? p : `/${p}`)),
      ),
    )
    .map(([method, url]) => ({
      method: method as InjectOptions["method"] & string,
      url,
      what: `${method} ${url}`,
    })),
);

describe("the API refuses malformed input with problem details", () => {
  it("never answers 5xx or shows a stack trace, and every refusal says why (fuzz)", async () => {
    await fc.assert(
      fc.asyncProperty(request, async ({ what, ...options }) => {
        checkAnswer(await app.inject(options), what);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 600) },
    );
  });

  it("names each wrong field with a JSON pointer and a Dutch reason", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/advice",
      payload: {
        regionId: "Hart van Brabant",
        date: "2024-02-30",
        case: { birthDate: 2012, referrer: "buurman", estimatedHours: { begeleiding: -1 }, naam: "Sam" },
        extra: true,
      },
    });
    checkAnswer(res, "advice with wrong fields");
    expect(res.statusCode).toBe(400);
    const errors = res.json().errors as { pointer: string; detail: string; code: string }[];
    expect(Object.fromEntries(errors.map((e) => [e.pointer, e.detail]))).toEqual({
      "#/regionId": "een regio-id heeft alleen kleine letters, cijfers en '-'",
      "#/date": "moet een bestaande datum zijn in de vorm JJJJ-MM-DD",
      "#/case/birthDate": "verwacht tekst",
      "#/case/referrer": expect.stringMatching(/^moet een van deze waarden zijn: gemeente, huisarts/),
      "#/case/estimatedHours/begeleiding": "mag niet negatief zijn",
      "#/case/naam": "onbekend veld",
      "#/extra": "onbekend veld",
    });
  });

  it("refuses a missing case, a body that is no object, and an empty body", async () => {
    const cases: [InjectOptions, string][] = [
      [{ payload: { regionId: "hart-van-brabant" } }, "#/case"],
      [{ payload: "[]", headers: { "content-type": "application/json" } }, "#"],
      [{ payload: "", headers: { "content-type": "application/json" } }, ""],
      [{}, "#"],
    ];
    for (const [options, pointer] of cases) {
      const res = await app.inject({ method: "POST", url: "/api/v1/advice", ...options });
      checkAnswer(res, `advice ${JSON.stringify(options)}`);
      expect(res.statusCode).toBe(400);
      if (pointer) expect(res.json().errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer);
    }
  });

  it("refuses bad JSON and a __proto__ key as invalid JSON", async () => {
    for (const payload of ['{"case": {', '{"__proto__": {"polluted": true}, "case": {}}']) {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/advice",
        headers: { "content-type": "application/json" },
        payload,
      });
      checkAnswer(res, payload);
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([
        { in: "body", pointer: "#", detail: "geen geldige JSON", code: "invalid_json" },
      ]);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("refuses the wrong content type with 415", async () => {
    const wrong: InjectOptions[] = [
      { url: "/api/v1/advice", headers: { "content-type": "application/xml" }, payload: jw315 },
      { url: "/api/v1/advice", headers: { "content-type": "text/plain" }, payload: "{}" },
      { url: "/api/v1/ijw/validate", headers: { "content-type": "application/json" }, payload: "{}" },
      {
        url: "/api/v1/compare",
        headers: { "content-type": "multipart/form-data; boundary=x" },
        payload: "--x--",
      },
    ];
    for (const options of wrong) {
      const res = await app.inject({ method: "POST", ...options });
      checkAnswer(res, JSON.stringify(options.headers));
      expect(res.statusCode).toBe(415);
      expect(res.json().title).toBe("Verkeerd soort inhoud");
    }
  });

  it("refuses a body over the limit with 413: 100 kB of JSON, 25 MB of XML", async () => {
    const json = await app.inject({
      method: "POST",
      url: "/api/v1/advice",
      payload: { regionId: "hart-van-brabant", case: { requestedCare: Array(20_000).fill("mst") } },
    });
    checkAnswer(json, "huge JSON");
    expect(json.statusCode).toBe(413);
    const xml = await app.inject({
      method: "POST",
      url: "/api/v1/ijw/validate",
      headers: { "content-type": "application/xml" },
      payload: Buffer.alloc(25 * 1024 * 1024 + 1, "a"),
    });
    checkAnswer(xml, "huge XML");
    expect(xml.statusCode).toBe(413);
  });

  it("refuses a path-traversal id before any file is read", async () => {
    for (const id of ["..%2F..%2Fpackage.json", "..", "%2e%2e", "jeugdwet%00", "JEUGDWET", "a".repeat(65)]) {
      for (const url of [`/api/v1/regions/${id}`, `/api/v1/regions/${id}/check`]) {
        const res = await app.inject({ method: "GET", url });
        checkAnswer(res, url);
        expect([400, 404]).toContain(res.statusCode);
        expect(res.body).not.toContain('"name": "wegwijzer"');
      }
    }
    const res = await app.inject({ method: "GET", url: "/api/v1/regions/..%2Fjeugdwet" });
    expect(res.json().errors[0]).toMatchObject({ in: "path", pointer: "#/id" });
  });

  it("refuses unknown query parameters, naming them", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/regions?format=xml" });
    checkAnswer(res, "query");
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { in: "query", pointer: "#/format", detail: "onbekend veld", code: "unrecognized_keys" },
    ]);
  });

  it("never echoes a BSN or any value from a message, not even as a field name or in the wrong element", async () => {
    const advice = await app.inject({
      method: "POST",
      url: "/api/v1/advice",
      payload: { regionId: "hart-van-brabant", case: { "999990019": true, bsn: "999990019" } },
    });
    checkAnswer(advice, "bsn in case");
    expect(advice.statusCode).toBe(400);
    expect(advice.body).not.toContain("999990019");
    const xml = await app.inject({
      method: "POST",
      url: "/api/v1/ijw/validate",
      headers: { "content-type": "application/xml" },
      payload: jw315.replace("<jw315:Ontvanger>0855<", "<jw315:Ontvanger>999990019<"),
    });
    checkAnswer(xml, "bsn in Ontvanger");
    expect(xml.json().valid).toBe(false);
    expect(xml.body).not.toContain("999990019");
  });
});
