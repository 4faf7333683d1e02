import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../src/server/app.ts";

/** Security headers on every answer, and a rate limit on the routes that make the engine work. */

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildServer({ rateLimit: { max: 3, timeWindowMs: 60_000 } });
});
afterAll(async () => {
  await app.close();
});

const advice = { regionId: "hart-van-brabant", case: { requestDate: "2024-03-01", crisis: true } };

describe("the API's security headers", () => {
  it("are on a JSON answer and on a refusal, with a CSP that allows nothing", async () => {
    for (const url of ["/api/v1/regions", "/api/v1/bestaat-niet", "/api/v1/regions/%"]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.headers["content-security-policy"], url).toMatch(/default-src 'none'/);
      expect(res.headers["content-security-policy"], url).toMatch(/frame-ancestors 'none'/);
      expect(res.headers["x-content-type-options"], url).toBe("nosniff");
      expect(res.headers["api-version"], url).toBe("1.0.0");
      expect(res.headers["cache-control"], url).toBe("no-store");
      expect(res.headers["x-powered-by"], url).toBeUndefined();
    }
    const res = await app.inject({ method: "GET", url: "/api/v1/health" });
    expect(res.headers).toMatchObject({
      "referrer-policy": "no-referrer",
      "x-frame-options": "SAMEORIGIN",
      "cross-origin-resource-policy": "same-origin",
      "cross-origin-opener-policy": "same-origin",
    });
    expect(res.headers["strict-transport-security"]).toMatch(/max-age=\d+/);
  });

  it("let the documentation page load only its own scripts and styles", async () => {
    const res = await app.inject({ method: "GET", url: "/api/docs" });
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/unsafe-eval|https:|\*/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
  });
});

describe("the rate limit on advice, compare and iJw validation", () => {
  it("answers 429 problem details with Retry-After once a client has used up its requests", async () => {
    for (let i = 0; i < 3; i++) {
      const ok = await app.inject({ method: "POST", url: "/api/v1/advice", payload: advice });
      expect(ok.statusCode).toBe(200);
      expect(Number(ok.headers["x-ratelimit-remaining"])).toBe(2 - i);
    }
    const refused = await app.inject({ method: "POST", url: "/api/v1/advice", payload: advice });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect(refused.json()).toMatchObject({
      type: "urn:wegwijzer:problem:too-many-requests",
      title: "Te veel verzoeken",
      status: 429,
      detail: expect.stringMatching(
        /^U heeft te veel verzoeken gedaan\. Probeer het over \d+ seconden opnieuw\.$/,
      ),
    });
  });

  it("counts each route on its own and leaves the region routes free", async () => {
    const other = await app.inject({
      method: "POST",
      url: "/api/v1/compare",
      payload: { regionIds: ["hart-van-brabant", "een-10-voor-de-jeugd"], case: advice.case },
    });
    expect(other.statusCode).toBe(200);
    for (let i = 0; i < 5; i++) {
      expect((await app.inject({ method: "GET", url: "/api/v1/regions" })).statusCode).toBe(200);
    }
    const ijw = [];
    for (let i = 0; i < 4; i++) {
      ijw.push(
        (
          await app.inject({
            method: "POST",
            url: "/api/v1/ijw/validate",
            headers: { "content-type": "application/xml" },
            payload: "<x/>",
          })
        ).statusCode,
      );
    }
    expect(ijw).toEqual([200, 200, 200, 429]);
  });

  it("counts per client address", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/advice",
      payload: advice,
      remoteAddress: "127.0.0.2",
    });
    expect(res.statusCode).toBe(200);
  });
});
