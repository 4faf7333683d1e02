import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, expect, it } from "vitest";
import { buildServer } from "../src/server/app.ts";
import { WEB_CONTENT_SECURITY_POLICY } from "../src/server/web.ts";
import { buildWebApp } from "./support/web.ts";

/**
 * One port for both: the built app at /, index.html for every page path outside /api (the app routes in
 * the browser), the API's own answers and strict policy under /api, hashed assets cached for good.
 */

let build: ReturnType<typeof buildWebApp>;
let app: FastifyInstance;

beforeAll(async () => {
  build = buildWebApp();
  app = await buildServer({ webRoot: build.dir });
}, 120_000);

afterAll(async () => {
  await app?.close();
  build?.remove();
});

it("serves the app at / and on every page path, with a policy that allows only its own files", async () => {
  for (const url of ["/", "/regios", "/regios/hart-van-brabant", "/aanmelden", "/iets-anders?x=1"]) {
    const res = await app.inject({ url });
    expect(res.statusCode, url).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^text\/html/);
    expect(res.body).toContain('<html lang="nl" class="voorbeeld-theme">');
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script
    expect(res.headers["content-security-policy"]).toBe(WEB_CONTENT_SECURITY_POLICY);
    expect(res.headers["cache-control"]).toBe("no-store");
  }
  expect(WEB_CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
});

it("serves the hashed assets with a long cache, and a missing file as a 404", async () => {
  const assets = readdirSync(join(build.dir, "assets"));
  const js = assets.find((f) => f.endsWith(".js"));
  const res = await app.inject({ url: `/assets/${js}` });
  expect(res.statusCode).toBe(200);
  expect(res.headers["content-type"]).toMatch(/javascript/);
  expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(res.headers["content-security-policy"]).toBe(WEB_CONTENT_SECURITY_POLICY);
  expect((await app.inject({ url: "/assets/bestaat-niet.js" })).statusCode).toBe(404);
  expect((await app.inject({ url: "/favicon.ico" })).statusCode).toBe(404);
  expect((await app.inject({ url: "/favicon.svg" })).statusCode).toBe(200);
});

it("keeps the API under /api as it was: JSON, problem details and the strict policy", async () => {
  const health = await app.inject({ url: "/api/v1/health" });
  expect(health.statusCode).toBe(200);
  expect(health.headers["content-security-policy"]).toBe("default-src 'none';frame-ancestors 'none'");
  const missing = await app.inject({ url: "/api/v1/bestaat-niet" });
  expect(missing.statusCode).toBe(404);
  expect(missing.headers["content-type"]).toMatch(/^application\/problem\+json/);
  // Only GET and HEAD get the app; anything else outside /api is still a 404 with problem details.
  const post = await app.inject({ method: "POST", url: "/regios", payload: {} });
  expect(post.statusCode).toBe(404);
  expect(post.headers["content-type"]).toMatch(/^application\/problem\+json/);
  // The OpenAPI document does not list the app's files.
  const doc = (await app.inject({ url: "/api/openapi.json" })).json() as { paths: Record<string, unknown> };
  const paths = Object.keys(doc.paths);
  expect(paths).toContain("/regions");
  expect(paths.filter((p) => /index\.html|assets|favicon/.test(p))).toEqual([]);
});

it("without a web root the server is the API alone", async () => {
  const apiOnly = await buildServer();
  try {
    const res = await apiOnly.inject({ url: "/" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
  } finally {
    await apiOnly.close();
  }
});
