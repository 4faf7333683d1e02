import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toCsv, toXlsx } from "../src/monitoring/export.ts";
import { REPORT_NAMES, type Report, type ReportRow } from "../src/monitoring/reports.ts";
import { openStore, storeOptionsFromEnv, type Store } from "../src/store/database.ts";
import { generateIntoStore } from "../src/store/generate.ts";
import { loadReportCatalogue, reportRows } from "../src/store/reports.ts";
import { captureCli } from "./support/capture.ts";
import { buildReportWorld } from "./support/report-world.ts";
import { engines, freshStore } from "./support/stores.ts";

/**
 * Every report as CSV and as XLSX, read back (CSV with a small RFC 4180 reader, XLSX with exceljs) and
 * compared with the JSON figures; and the `report` command, which writes the same files.
 */

/** RFC 4180: fields split on commas, quoted fields may hold commas, quotes ("") and line breaks. */
function readCsv(bytes: Buffer): string[][] {
  let text = bytes.toString("utf8");
  expect(text.charCodeAt(0)).toBe(0xfeff);
  text = text.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += ch;
  }
  if (field !== "" || row.length > 0) rows.push([...row, field]);
  return rows;
}

/** What a CSV field holds for a JSON value: an empty field for null. */
const csvText = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));

function expectCsvEqualsJson(report: Report, bytes: Buffer) {
  const [header, ...body] = readCsv(bytes);
  expect(header).toEqual(report.kolommen.map((c) => c.id));
  expect(body).toEqual(report.rijen.map((r) => report.kolommen.map((c) => csvText(r[c.id]))));
}

async function expectXlsxEqualsJson(report: Report, bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  const sheet = workbook.getWorksheet("Rapport")!;
  const values: (string | number | null)[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    values.push(
      report.kolommen.map((_, i) => {
        const v = row.getCell(i + 1).value;
        return v === null || v === undefined ? null : (v as string | number);
      }),
    );
  });
  const [header, ...body] = values;
  expect(header).toEqual(report.kolommen.map((c) => c.titel));
  expect(body).toEqual(report.rijen.map((r: ReportRow) => report.kolommen.map((c) => r[c.id] ?? null)));
  const notes: string[] = [];
  workbook.getWorksheet("Toelichting")!.eachRow((row) => void notes.push(String(row.getCell(1).value ?? "")));
  expect(notes).toEqual(expect.arrayContaining(report.toelichting));
}

describe.each(engines)("CSV and XLSX of every report on %s", (engine) => {
  let store: Store;
  let done: () => Promise<void>;
  const catalogue = loadReportCatalogue();
  beforeAll(async () => {
    ({ store, done } = await freshStore(engine));
    await buildReportWorld(store);
  });
  afterAll(() => done());

  it.each(REPORT_NAMES)("%s reads back with the JSON's figures", async (name) => {
    const report = await reportRows(
      store,
      name,
      { year: 2025, regionId: "hart-van-brabant", asOf: "2025-07-15" },
      catalogue,
    );
    expect(report.rijen.length).toBeGreaterThan(0);
    expectCsvEqualsJson(report, toCsv(report));
    await expectXlsxEqualsJson(report, await toXlsx(report));
  });
});

describe("the report command", { timeout: 300_000 }, () => {
  let dir: string;
  const saved = {
    DATA_DIR: process.env.DATA_DIR,
    DATABASE_URL: process.env.DATABASE_URL,
    WEGWIJZER_BSN_KEY: process.env.WEGWIJZER_BSN_KEY,
  };
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "wegwijzer-report-"));
    process.env.DATA_DIR = join(dir, "data");
    delete process.env.DATABASE_URL;
    delete process.env.WEGWIJZER_BSN_KEY;
    const store = await openStore(storeOptionsFromEnv());
    await generateIntoStore(store, { clients: 300, year: 2025, seed: 7, regions: ["hart-van-brabant"] });
    await store.close();
  }, 300_000);
  afterAll(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(dir, { recursive: true, force: true });
  });
  const { io, cli, text, errors } = captureCli();

  it("refuses bad input with exit code 2, naming the field", async () => {
    expect(await cli("report", "kosten")).toBe(2);
    expect(errors()).toContain("naam: 'kosten' is geen rapport");
    expect(await cli("report", "per-regio", "--year", "twintig")).toBe(2);
    expect(errors()).toContain("--year: 'twintig'");
    expect(await cli("report", "per-regio", "--region", "atlantis")).toBe(2);
    expect(errors()).toContain("--region: 'atlantis' is geen regio");
    expect(await cli("report", "per-regio", "--format", "xlsx")).toBe(2);
    expect(errors()).toContain("--out");
    expect(await cli("report", "per-regio", "--as-of", "2025-02-30")).toBe(2);
    expect(errors()).toContain("--as-of");
  });

  it("prints a table, and writes CSV and XLSX with the figures of its JSON, small cells hidden", async () => {
    const args = ["--year", "2025", "--region", "hart-van-brabant", "--as-of", "2025-12-31"];
    expect(await cli("report", "per-segment", ...args)).toBe(0);
    expect(text()).toContain("Cliënten, toewijzingen en uitgaven per segment");
    const before = io.out.length;
    expect(await cli("report", "per-gemeente", ...args, "--format", "json")).toBe(0);
    const report = JSON.parse(io.out.slice(before).join("")) as Report;
    expect(report.rijen.length).toBeGreaterThan(0);
    for (const r of report.rijen)
      for (const c of report.kolommen.filter((k) => k.soort === "aantal")) {
        const v = r[c.id];
        expect(v === null || (typeof v === "number" && (v === 0 || v >= 5)), `${c.id}: ${v}`).toBe(true);
      }
    const csv = join(dir, "gemeente.csv");
    const xlsx = join(dir, "gemeente.xlsx");
    expect(await cli("report", "per-gemeente", ...args, "--format", "csv", "--out", csv)).toBe(0);
    expect(await cli("report", "per-gemeente", ...args, "--format", "xlsx", "--out", xlsx)).toBe(0);
    expect(text()).toContain(`geschreven naar ${xlsx}`);
    expectCsvEqualsJson(report, readFileSync(csv));
    await expectXlsxEqualsJson(report, readFileSync(xlsx));
  });
});
