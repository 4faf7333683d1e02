import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkRegion } from "../src/rules/check/index.ts";
import { listRegionIds } from "../src/rules/load.ts";
import { buildServer } from "../src/server/app.ts";
import { captureCli } from "./support/capture.ts";

const root = join(import.meta.dirname, "..");
const example = (name: string) => join(root, "examples", name);
const readJson = (file: string): unknown => JSON.parse(readFileSync(file, "utf8"));
const ijwFixture = (name: string) => readFileSync(join(import.meta.dirname, "fixtures", "ijw", name), "utf8");

const { cli, json } = captureCli();

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildServer({ today: () => "2026-11-22" });
});
afterAll(async () => {
  await app.close();
});

describe("the HTTP API answers every endpoint", () => {
  it("GET /api/v1/regions lists every region model, as the CLI does", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/regions" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    expect(await cli("regions", "--format", "json")).toBe(0);
    expect(res.json()).toEqual({ regions: json() });
    expect(res.json().regions.map((r: { id: string }) => r.id)).toEqual(listRegionIds());
  });

  it("GET /api/v1/regions/{id} summarises segments, parameters with their validity, and sources", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/regions/hart-van-brabant" });
    expect(res.statusCode).toBe(200);
    const region = res.json();
    expect(region).toMatchObject({
      id: "hart-van-brabant",
      kind: "region",
      extends: "jeugdwet",
      version: "2023.1",
    });
    expect(region.segments.map((s: { id: string }) => s.id)).toEqual(["1", "2", "3", "4", "5"]);
    const threshold = region.parameters.find((p: { name: string }) => p.name === "drempel-begeleiding");
    expect(threshold).toMatchObject({ unit: "uur", values: [{ from: "2023-01-01", value: 300 }] });
    expect(threshold.values[0].source).toMatchObject({ doc: "hvb-segment-1" });
    expect(region.sources.some((s: { id: string }) => s.id === "hvb-stappenplan")).toBe(true);
    expect(region.municipalities.some((m: { cbs: string }) => m.cbs === "0855")).toBe(true);
    expect(region.layers.map((l: { id: string }) => l.id)).toEqual(["jeugdwet", "hart-van-brabant"]);
    // Only what the schema names: no file positions of the model.
    expect(JSON.stringify(region)).not.toContain('"origin"');
  });

  it("GET /api/v1/regions/{id}/check gives the static checker's findings", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/regions/een-10-voor-de-jeugd/check" });
    expect(res.statusCode).toBe(200);
    const findings = checkRegion("een-10-voor-de-jeugd");
    expect(res.json()).toEqual({
      region: "een-10-voor-de-jeugd",
      errors: findings.filter((f) => f.severity === "error").length,
      warnings: findings.filter((f) => f.severity === "warning").length,
      infos: findings.filter((f) => f.severity === "info").length,
      findings,
    });
  });

  it("GET an unknown region answers 404 as problem details", async () => {
    for (const url of ["/api/v1/regions/bestaat-niet", "/api/v1/regions/bestaat-niet/check"]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode).toBe(404);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.json()).toMatchObject({ status: 404, title: "Niet gevonden" });
      expect(res.json().detail).toContain("bestaat-niet");
    }
  });

  it("POST /api/v1/advice gives the same advice as `npm run cli -- advise`", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/advice",
      payload: { regionId: "hart-van-brabant", case: readJson(example("segment-1-huisarts.json")) },
    });
    expect(res.statusCode).toBe(200);
    expect(
      await cli("advise", "--region", "hart-van-brabant", "--case", example("segment-1-huisarts.json")),
    ).toBe(0);
    expect(res.json()).toEqual(json());
    expect(res.json().segments.map((s: { id: string }) => s.id)).toEqual(["1"]);
  });

  it("POST /api/v1/advice finds the region by municipality and date, as the CLI does", async () => {
    const facts = readJson(example("segment-4-enkelvoudig.json"));
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/advice",
      payload: { municipality: "0855", date: "2024-03-01", case: facts },
    });
    expect(res.statusCode).toBe(200);
    expect(
      await cli(
        "advise",
        "--municipality",
        "0855",
        "--as-of",
        "2024-03-01",
        "--case",
        example("segment-4-enkelvoudig.json"),
      ),
    ).toBe(0);
    expect(res.json()).toEqual(json());
    expect(res.json()).toMatchObject({ region: { id: "hart-van-brabant" }, asOf: "2024-03-01" });
  });

  it("POST /api/v1/advice takes the region from the case's municipality and lists the missing facts", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/advice",
      payload: { case: readJson(example("onvolledig.json")) },
    });
    expect(res.statusCode).toBe(200);
    expect(await cli("advise", "--case", example("onvolledig.json"))).toBe(0);
    expect(res.json()).toEqual(json());
    expect(res.json().complete).toBe(false);
    expect(res.json().missing.length).toBeGreaterThan(0);
  });

  it("POST /api/v1/advice without a region, municipality or municipality in the case names what is missing", async () => {
    const res = await app.inject({ method: "POST", url: "/api/v1/advice", payload: { case: {} } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([
      { in: "body", pointer: "#/regionId", detail: "ontbreekt (of geef municipality)", code: "required" },
    ]);
  });

  it("POST /api/v1/advice for a municipality in no region on that date names the field", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/advice",
      payload: { municipality: "9999", case: { requestDate: "2024-01-01" } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({ pointer: "#/municipality", code: "no_region" });
  });

  it("POST /api/v1/compare gives the same comparison as `npm run cli -- compare`", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/compare",
      payload: {
        regionIds: ["hart-van-brabant", "een-10-voor-de-jeugd"],
        case: readJson(example("segment-1-huisarts.json")),
      },
    });
    expect(res.statusCode).toBe(200);
    expect(
      await cli(
        "compare",
        "--case",
        example("segment-1-huisarts.json"),
        "--regions",
        "hart-van-brabant,een-10-voor-de-jeugd",
        "--format",
        "json",
      ),
    ).toBe(0);
    expect(res.json()).toEqual(json());
    expect(res.json().moved).toEqual([
      { region: "een-10-voor-de-jeugd", municipality: expect.objectContaining({ cbs: expect.any(String) }) },
    ]);
  });

  it("POST /api/v1/ijw/validate accepts a valid message as XML", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/ijw/validate",
      headers: { "content-type": "application/xml" },
      payload: ijwFixture("JW315-volledig.xml"),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      valid: true,
      stage: "regels",
      messageType: "JW315",
      messageName: "verzoek om toewijzing",
      issues: [],
      findings: [],
    });
  });

  it("POST /api/v1/ijw/validate gives the rule findings with their retour codes, never the BSN", async () => {
    const xml = ijwFixture("JW315-volledig.xml").replace("<jw315:Bsn>999990019<", "<jw315:Bsn>999990018<");
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/ijw/validate",
      headers: { "content-type": "text/xml" },
      payload: xml,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ valid: false, stage: "regels", messageType: "JW315" });
    expect(res.json().findings).toContainEqual(
      expect.objectContaining({ rule: "CS002", retourcode: "0001", path: "Client" }),
    );
    expect(res.body).not.toContain("999990018");
    expect(res.body).not.toContain("999990019");
  });

  it("POST /api/v1/ijw/validate names the element, line and reason of an XSD error, never a value", async () => {
    const xml = ijwFixture("JW315-volledig.xml")
      .replace("<jw315:Bsn>999990019<", "<jw315:Bsn>99999001X<")
      .replace("<jw315:Ontvanger>0855<", "<jw315:Ontvanger>363<")
      .replace("<ijw:Achternaam>Testkind<", "<ijw:Achternaam>" + "Testkind".repeat(40) + "<");
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/ijw/validate",
      headers: { "content-type": "text/plain" },
      payload: xml,
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ valid: false, stage: "xsd", messageType: "JW315" });
    expect(body.issues).toContainEqual({
      path: "Bericht/Header/Ontvanger",
      reason: "voldoet niet aan het patroon [0-9]{4}",
      line: 8,
    });
    expect(body.issues.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(["Bericht/Client/Bsn", "Bericht/Client/Naam/Geslachtsnaam/Achternaam"]),
    );
    for (const issue of body.issues) expect(Object.keys(issue).sort()).toEqual(["line", "path", "reason"]);
    expect(res.body).not.toContain("99999001");
    expect(res.body).not.toContain("Testkind");
  });

  it("GET /api/v1/health says ok without touching the registry", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/health" });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      status: "ok",
      version: expect.any(String),
      regions: listRegionIds().length,
    });
  });

  it("serves the OpenAPI document at /api/openapi.json and /api/v1/openapi.json, open to every origin", async () => {
    const a = await app.inject({ method: "GET", url: "/api/openapi.json" });
    const b = await app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    for (const res of [a, b]) {
      expect(res.statusCode).toBe(200);
      expect(res.headers["access-control-allow-origin"]).toBe("*");
    }
    expect(a.json()).toEqual(b.json());
    expect(a.json().openapi).toBe("3.1.0");
  });

  it("serves readable documentation at /api/docs", async () => {
    const page = await app.inject({ method: "GET", url: "/api/docs" });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toMatch(/^text\/html/);
    const spec = await app.inject({ method: "GET", url: "/api/docs/json" });
    expect(spec.json().info.title).toBe("Wegwijzer API");
  });

  it("answers an unknown route with 404 problem details in Dutch", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/clients" });
    expect(res.statusCode).toBe(404);
    expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
    expect(res.json()).toMatchObject({
      type: "urn:wegwijzer:problem:not-found",
      title: "Niet gevonden",
      status: 404,
      detail: expect.stringContaining("Er is geen bron"),
    });
  });
});
