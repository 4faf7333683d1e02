import { randomBytes } from "node:crypto";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hideSmallCells, REPORTS, type Report } from "../src/monitoring/reports.ts";
import type { Store } from "../src/store/database.ts";
import { generateIntoStore } from "../src/store/generate.ts";
import { loadReportCatalogue, reportRows } from "../src/store/reports.ts";
import { saveUser } from "../src/store/users.ts";
import { apiOn, as, type Session, sessionFor } from "./support/api.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * GET /api/v1/monitoring/rapporten/{naam}: policy staff get the report without personal data (small
 * cells hidden), as JSON, CSV or XLSX; roles without monitoring.lezen get 403 (the coalition too); every
 * read and every refusal is an audit record.
 */

const URL = "/api/v1/monitoring/rapporten";

describe("the small-cell rule", () => {
  it("leaves out a row about 1 to 4 clients and hides counts from 1 to 4, never a budget ceiling", () => {
    const report: Report = {
      naam: "duur",
      titel: "",
      jaar: 2025,
      regio: null,
      peildatum: "2025-12-31",
      kleinsteAantal: 5,
      kolommen: REPORTS.duur.kolommen,
      rijen: [
        { product: "a", clienten: 4, toewijzingen: 9, langer: 0, bijna: 0, binnen: 9 },
        { product: "b", clienten: 12, toewijzingen: 14, langer: 1, bijna: 0, binnen: 13 },
        { product: "c", clienten: 0, toewijzingen: 0, langer: null, bijna: null, binnen: null },
      ],
      toelichting: [],
    };
    expect(hideSmallCells(report).rijen).toEqual([
      { product: "b", clienten: 12, toewijzingen: 14, langer: null, bijna: 0, binnen: 13 },
      { product: "c", clienten: 0, toewijzingen: 0, langer: null, bijna: null, binnen: null },
    ]);
    const budget: Report = {
      ...report,
      naam: "budget-taakgericht",
      kolommen: REPORTS["budget-taakgericht"].kolommen,
      rijen: [{ maand: "2025-08", clienten: null, plafond: 3, betaald: 1, zorgdagen: 2 }],
    };
    expect(hideSmallCells(budget).rijen).toEqual(budget.rijen);
  });
});
const q = "jaar=2025&regio=hart-van-brabant&peildatum=2025-12-31";

describe.each(engines)("the report endpoint on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  let app: FastifyInstance;
  const sessions: Record<string, Session> = {};

  beforeAll(async () => {
    ({ store, done } = await freshStore(engine));
    await generateIntoStore(store, { clients: 300, year: 2025, seed: 7, regions: ["hart-van-brabant"] });
    await saveUser(store, {
      id: "beleid",
      name: "B. Leid",
      role: "beleid",
      organisation: "regio:hart-van-brabant",
    });
    await saveUser(store, {
      id: "toegang",
      name: "T. Oegang",
      role: "toegang",
      organisation: "gemeente:0855",
      municipality: "0855",
    });
    await saveUser(store, {
      id: "coalitie",
      name: "C. Oalitie",
      role: "coalitie",
      organisation: "regio:hart-van-brabant",
      regionId: "hart-van-brabant",
      segment: "1",
    });
    app = await apiOn(store, "2025-12-31");
    for (const id of ["beleid", "toegang", "coalitie"]) sessions[id] = await sessionFor(store, id);
  }, 300_000);
  afterAll(async () => {
    await app.close();
    await done();
  });

  const auditOf = (traceId: string) =>
    store.db.selectFrom("audit_event").selectAll().where("trace_id", "=", traceId).execute();

  it("gives policy staff the report, small cells hidden, and logs the read", async () => {
    const traceId = randomBytes(16).toString("hex");
    const res = await as(app, sessions.beleid, { method: "GET", url: `${URL}/per-gemeente?${q}`, traceId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/json/);
    const report = res.json() as Report;
    expect(report).toMatchObject({
      naam: "per-gemeente",
      jaar: 2025,
      regio: "hart-van-brabant",
      kleinsteAantal: 5,
    });

    // The same figures as the raw report, less the rows about fewer than 5 clients.
    const raw = await reportRows(
      store,
      "per-gemeente",
      { year: 2025, regionId: "hart-van-brabant", asOf: "2025-12-31" },
      loadReportCatalogue(),
    );
    expect(report.rijen).toEqual(
      raw.rijen.filter((r) => !(Number(r.clienten) > 0 && Number(r.clienten) < 5)),
    );
    expect(report.rijen.length).toBeGreaterThan(0);

    const records = await auditOf(traceId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      actor_id: "beleid",
      resource: "rapport",
      resource_id: "per-gemeente",
      purpose: "beleid",
      outcome: "ok",
      client_id: null,
    });
  });

  it("hides every count from 1 to 4 and leaves out rows about fewer than 5 clients", async () => {
    // Durations per product: 300 clients over some 30 products give rows of few clients and small counts.
    const raw = await reportRows(
      store,
      "duur",
      { year: 2025, regionId: "hart-van-brabant", asOf: "2025-12-31" },
      loadReportCatalogue(),
    );
    const small = raw.rijen.filter((r) => Number(r.clienten) > 0 && Number(r.clienten) < 5);
    expect(small.length, "the data set has small cells to hide").toBeGreaterThan(0);
    const res = await as(app, sessions.beleid, { method: "GET", url: `${URL}/duur?${q}` });
    const report = res.json() as Report;
    expect(report.rijen).toHaveLength(raw.rijen.length - small.length);
    for (const r of report.rijen)
      for (const c of report.kolommen.filter((k) => k.soort === "aantal")) {
        const v = r[c.id];
        expect(v === null || v === 0 || (typeof v === "number" && v >= 5), `${c.id} = ${v}`).toBe(true);
      }
  });

  it("refuses roles without monitoring.lezen, the coalition included, with 403 and an audit record", async () => {
    for (const user of ["toegang", "coalitie"]) {
      const traceId = randomBytes(16).toString("hex");
      const res = await as(app, sessions[user], { method: "GET", url: `${URL}/wachttijd?${q}`, traceId });
      expect(res.statusCode, user).toBe(403);
      expect(res.headers["content-type"]).toMatch(/^application\/problem\+json/);
      expect(res.body).not.toContain("mediaan");
      const records = await auditOf(traceId);
      expect(records.map((r) => [r.actor_id, r.resource, r.outcome])).toEqual([
        [user, "rapport", "geweigerd"],
      ]);
    }
    const anonymous = await app.inject({ method: "GET", url: `${URL}/wachttijd?${q}` });
    expect(anonymous.statusCode).toBe(401);
  });

  it("answers CSV and XLSX by Accept or by formaat, with the JSON's figures", async () => {
    const report = (
      await as(app, sessions.beleid, { method: "GET", url: `${URL}/per-segment?${q}` })
    ).json() as Report;
    const csv = await as(app, sessions.beleid, {
      method: "GET",
      url: `${URL}/per-segment?${q}`,
      headers: { accept: "text/csv" },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(csv.headers["content-disposition"]).toBe(
      'attachment; filename="per-segment-2025-hart-van-brabant.csv"',
    );
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(report.kolommen.map((c) => c.id).join(","));
    expect(lines.slice(1)).toEqual(
      report.rijen.map((r) =>
        report.kolommen.map((c) => (r[c.id] === null ? "" : String(r[c.id]))).join(","),
      ),
    );

    const xlsx = await as(app, sessions.beleid, {
      method: "GET",
      url: `${URL}/per-segment?${q}&formaat=xlsx`,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers["content-type"]).toBe(
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as Parameters<typeof workbook.xlsx.load>[0]);
    const sheet = workbook.getWorksheet("Rapport")!;
    const body: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) body.push(report.kolommen.map((_, i) => row.getCell(i + 1).value ?? null));
    });
    expect(body).toEqual(report.rijen.map((r) => report.kolommen.map((c) => r[c.id] ?? null)));
  });

  it("refuses an unknown report, year or region, naming the field", async () => {
    const name = await as(app, sessions.beleid, { method: "GET", url: `${URL}/kosten?${q}` });
    expect(name.statusCode).toBe(400);
    expect(JSON.stringify(name.json().errors)).toContain("naam");
    const year = await as(app, sessions.beleid, { method: "GET", url: `${URL}/pxq?jaar=twintig` });
    expect(year.statusCode).toBe(400);
    expect(JSON.stringify(year.json().errors)).toContain("jaar");
    const region = await as(app, sessions.beleid, { method: "GET", url: `${URL}/pxq?regio=atlantis` });
    expect(region.statusCode).toBe(400);
    expect(JSON.stringify(region.json().errors)).toContain("regio");
  });
});
