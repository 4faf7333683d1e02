import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Report } from "../src/monitoring/reports.ts";
import { generateIntoStore } from "../src/store/generate.ts";
import {
  axeViolations,
  type BrowserSession,
  closeWebApp,
  openWebApp,
  screenshot,
  type WebServer,
} from "./support/web.ts";

/**
 * The policy dashboard (/dashboard) on a generated year (300 clients in 2025, seed 7): signed in as the
 * demo policy officer, every chart and its table show the figures of the report API's JSON for the same
 * year and as-of date; each report downloads as CSV and as XLSX (an attachment, the page stays); a role
 * without monitoring.lezen, and a visitor who is not signed in, get an explanation and no figures. axe
 * finds nothing on the refused page, the dashboard, and the dashboard with every table open.
 */

const WAIT = { timeout: 60_000 };
/** The browser's clock: 15 September 2025, so 2025 is the current year and January–August are over. */
const TODAY = "2025-09-15";
const QUERY = `jaar=2025&peildatum=${TODAY}`;

const REPORT_NAMES = [
  "per-segment",
  "per-maand",
  "per-segment-per-maand",
  "budget-taakgericht",
  "pxq",
  "wachttijd",
  "duur",
  "per-zorgvorm",
  "per-gemeente",
  "per-aanbieder",
] as const;

let server: WebServer;
let browser: BrowserSession;

beforeAll(async () => {
  ({ server, browser } = await openWebApp());
  await generateIntoStore(server.store, { clients: 300, year: 2025, seed: 7 });
  await browser.page.clock.setFixedTime(new Date(`${TODAY}T10:00:00+02:00`));
}, 300_000);

afterAll(() => closeWebApp(server, browser));

// -- what the page should write, worked out here from the API's JSON (not with the app's own code) ----

const space = (s: string) => s.replace(/\s+/g, " ").trim();
const nl = (n: number, min: number, max: number) =>
  n.toLocaleString("nl-NL", { minimumFractionDigits: min, maximumFractionDigits: max });
const euroRounded = (n: number) => `€ ${nl(n, 0, 0)}`;

type Col = Report["kolommen"][number];
type Row = Report["rijen"][number];

function expectedCell(report: Report, row: Row, col: Col): string {
  const v = row[col.id] ?? null;
  if (v === null) {
    // null is a hidden count (1-4 children) unless the report has no figure there at all.
    const noFigure =
      col.soort !== "aantal" ||
      col.overKinderen === false ||
      (report.naam === "wachttijd" && row.norm === null) ||
      (report.naam === "duur" && row.maximum === "geen") ||
      (report.naam === "budget-taakgericht" &&
        ((row.soort === "prognose" && row.maand !== "jaar") ||
          (row.maand === "jaar" && col.id === "toewijzingen")));
    return noFigure ? "–" : "minder dan 5";
  }
  if (typeof v === "string") return v;
  if (col.soort === "bedrag") return `€ ${nl(v, 2, 2)}`;
  if (col.soort === "aantal") return nl(v, 0, 0);
  if (col.soort === "dagen" || col.soort === "aandeel") return nl(v, 0, 1);
  return nl(v, 0, 2);
}

async function apiReport(page: Page, name: string, query = QUERY): Promise<Report> {
  const response = await page.request.get(`${server.url}/api/v1/monitoring/rapporten/${name}?${query}`);
  expect(response.status()).toBe(200);
  return (await response.json()) as Report;
}

const section = (page: Page, name: string): Locator => page.locator(`section[data-rapport="${name}"]`);

async function tableOf(sectionLocator: Locator): Promise<{ head: string[]; rows: string[][] }> {
  const table = sectionLocator.locator("table");
  const head = (await table.locator("thead th").allTextContents()).map(space);
  const rows = await table
    .locator("tbody tr:not(.ww-left-out)")
    .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
  return { head, rows: rows.map((r) => r.map(space)) };
}

async function openTable(sectionLocator: Locator): Promise<void> {
  const details = sectionLocator.locator("details.ww-report__table");
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
  await sectionLocator.locator("table").waitFor(WAIT);
}

async function dashboardLoaded(page: Page, sections = REPORT_NAMES.length): Promise<void> {
  await page.locator(".ww-dashboard__figures[aria-busy='false']").waitFor(WAIT);
  await expect.poll(() => page.locator("section.ww-report").count(), WAIT).toBe(sections);
  // recharts measures its box first and draws on the next frame: wait for the bars' labels.
  await page
    .locator("section[data-rapport='per-segment'] .ww-chart .recharts-label-list")
    .first()
    .waitFor(WAIT);
}

it(
  "explains who may see the dashboard, without figures, to a visitor and to another role",
  { timeout: 240_000 },
  async () => {
    const { page, context } = browser;
    await page.goto(`${server.url}/dashboard`);
    await page.getByRole("heading", { level: 1, name: "Monitoring" }).waitFor(WAIT);
    await page.getByText("U bent niet aangemeld.").waitFor(WAIT);
    expect(await page.getByRole("link", { name: "Meld u aan", exact: true }).getAttribute("href")).toBe(
      "/aanmelden",
    );
    // Not in the menu for a visitor.
    expect(await page.getByRole("navigation", { name: "Hoofdmenu" }).innerText()).not.toContain("Monitoring");
    expect(await page.locator("section.ww-report").count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);

    // Signed in with a role without monitoring.lezen (toegang): the explanation names the role.
    const login = await page.request.post(`${server.url}/api/v1/sessie/demo`, {
      data: { gebruiker: "demo-toegang" },
    });
    expect(login.status()).toBe(200);
    await page.reload();
    await page.getByText(/Met die rol kunt u deze cijfers niet zien/).waitFor(WAIT);
    expect(await page.locator("main").innerText()).toContain(
      "Deze cijfers zijn alleen voor beleid en beheer",
    );
    expect(await page.locator("section.ww-report").count()).toBe(0);
    expect(await page.locator("main table, main svg").count()).toBe(0);
    // The API refuses that role too: the page is not the only guard.
    const refused = await page.request.get(`${server.url}/api/v1/monitoring/rapporten/per-segment?${QUERY}`);
    expect(refused.status()).toBe(403);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "dashboard-geen-toegang");
    await context.clearCookies();
  },
);

it(
  "shows every report as a chart with its table and downloads, matching the API",
  { timeout: 600_000 },
  async () => {
    const { page } = browser;
    // Sign in through the page, as a policy officer would, and open the dashboard from the menu.
    await page.goto(`${server.url}/aanmelden`);
    await page.getByLabel(/Beleidsmedewerker/).check();
    await page.getByRole("button", { name: "Aanmelden", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Mijn sessie" }).waitFor(WAIT);
    await page
      .getByRole("navigation", { name: "Hoofdmenu" })
      .getByRole("link", { name: "Monitoring" })
      .click();
    await page.getByRole("heading", { level: 1, name: "Monitoring" }).waitFor(WAIT);
    await dashboardLoaded(page);
    expect(await page.getByLabel("Jaar", { exact: true }).inputValue()).toBe("2025");
    expect(await page.getByRole("status").innerText()).toContain(
      "Cijfers van 2025, alle regio's. Stand op 15 september 2025.",
    );

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "dashboard");

    const reports = Object.fromEntries(
      await Promise.all(REPORT_NAMES.map(async (n) => [n, await apiReport(page, n)] as const)),
    ) as Record<(typeof REPORT_NAMES)[number], Report>;
    // The generated year fills every report the charts need (else the comparisons below would prove little).
    for (const n of REPORT_NAMES) expect(reports[n].rijen.length, n).toBeGreaterThan(0);

    // -- each table: the API's columns and rows, cell by cell
    for (const n of REPORT_NAMES) {
      const s = section(page, n);
      await openTable(s);
      const report = reports[n];
      const { head, rows } = await tableOf(s);
      expect(head, n).toEqual(report.kolommen.map((c) => c.titel));
      expect(rows, n).toEqual(
        report.rijen.map((r) => report.kolommen.map((c) => expectedCell(report, r, c))),
      );
      // Every chart is a named image; its figures are the ones above.
      for (const chart of await s.locator(".ww-chart").all()) {
        expect(await chart.getAttribute("role")).toBe("img");
        expect(await chart.getAttribute("aria-label")).toMatch(/grafiek/i);
      }
    }

    // -- the figures written in the charts
    const chartText = async (n: string) =>
      space((await section(page, n).locator(".ww-chart").allTextContents()).join(" | "));
    const countsIn = (r: Report, key: string) =>
      r.rijen.map((row) => row[key]).filter((v): v is number => typeof v === "number");
    // Per segment over the months: a chart per region, a line per segment, every figure on its point.
    const segMonth = reports["per-segment-per-maand"];
    expect(segMonth.rijen.length).toBeGreaterThan(0);
    expect(await section(page, "per-segment-per-maand").locator(".ww-chart").count()).toBe(
      new Set(segMonth.rijen.map((r) => r.regio)).size,
    );
    const segMonthText = await chartText("per-segment-per-maand");
    for (const segment of new Set(segMonth.rijen.map((r) => r.segment)))
      expect(segMonthText).toContain(`Segment ${segment}`);
    for (const n of [
      "per-segment",
      "per-maand",
      "per-segment-per-maand",
      "per-zorgvorm",
      "per-gemeente",
      "per-aanbieder",
    ] as const) {
      const text = await chartText(n);
      for (const v of countsIn(reports[n], "clienten")) expect(text, `${n} cliënten`).toContain(nl(v, 0, 0));
    }
    for (const n of ["per-segment", "per-gemeente", "per-aanbieder"] as const) {
      const text = await chartText(n);
      for (const v of countsIn(reports[n], "uitgaven"))
        expect(text, `${n} uitgaven`).toContain(euroRounded(v));
    }
    {
      const text = await chartText("pxq");
      for (const v of countsIn(reports.pxq, "bedrag")) expect(text).toContain(euroRounded(v));
      const waiting = await chartText("wachttijd");
      for (const v of countsIn(reports.wachttijd, "mediaan")) expect(waiting).toContain(nl(v, 0, 1));
      for (const v of countsIn(reports.wachttijd, "p90")) expect(waiting).toContain(nl(v, 0, 1));
      expect(waiting).toContain("Norm Regio Hart van Brabant, segment 1: 6 weken");
    }
    // The task-based budget: one chart per segment with a ceiling, the ceiling written on its line.
    const budget = reports["budget-taakgericht"];
    const ceilings = budget.rijen.filter((r) => r.maand === "jaar" && typeof r.plafond === "number");
    expect(ceilings.length).toBeGreaterThan(0);
    expect(await section(page, "budget-taakgericht").locator(".ww-chart").count()).toBe(ceilings.length);
    const budgetCharts = await chartText("budget-taakgericht");
    for (const r of ceilings) expect(budgetCharts).toContain(`Plafond ${euroRounded(r.plafond as number)}`);
    expect(budgetCharts).toContain("Prognose tot en met de maand");
    // Durations: a stacked bar per product with a maximum (the generator gives Hart van Brabant's segment 2
    // and 4 products one); its figures are in the summary and the table (checked above), not on the bars.
    const withMax = reports.duur.rijen.filter((r) => r.maximum !== "geen");
    expect(withMax.length).toBeGreaterThan(0);
    expect(await section(page, "duur").locator(".ww-chart").count()).toBe(1);
    const durationText = await chartText("duur");
    for (const r of withMax) expect(durationText).toContain(String(r.product));
    expect(durationText).toContain("Langer dan het maximum");

    // -- summaries in words, and the months left out for having fewer than 5 children
    const segmentSummary = await section(page, "per-segment").locator(".ww-report__summary").innerText();
    const most = reports["per-segment"].rijen.reduce((a, b) =>
      (b.clienten as number) > (a.clienten as number) ? b : a,
    );
    expect(segmentSummary).toContain(`De meeste cliënten zijn in`);
    expect(segmentSummary).toContain(`segment ${most.segment}: ${nl(most.clienten as number, 0, 0)}.`);
    const hvb1 = reports.wachttijd.rijen.find((r) => r.regio === "hart-van-brabant" && r.segment === "1");
    expect(typeof hvb1?.aandeelBinnenNorm).toBe("number");
    expect(await section(page, "wachttijd").locator(".ww-report__summary").innerText()).toContain(
      `${nl(hvb1?.aandeelBinnenNorm as number, 0, 1)}% van de starts was op tijd`,
    );
    const budgetMonths = budget.rijen.filter((r) => r.maand !== "jaar").length;
    const budgetSegments = new Set(budget.rijen.map((r) => `${r.regio}|${r.segment}`)).size;
    const leftOut = section(page, "budget-taakgericht").locator("tbody tr.ww-left-out");
    expect(await leftOut.count()).toBe(budgetSegments * 12 - budgetMonths);
    if (budgetSegments * 12 > budgetMonths)
      expect(await leftOut.first().innerText()).toContain("minder dan 5 cliënten");

    expect(await axeViolations(page)).toEqual([]);
    // The screenshot shows one open table (the budget, with its left-out months): nine make 20,000 pixels.
    for (const n of REPORT_NAMES) {
      if (n !== "budget-taakgericht")
        await section(page, n).locator("details.ww-report__table > summary").click();
    }
    await expect.poll(() => page.locator("details.ww-report__table[open]").count(), WAIT).toBe(1);
    await screenshot(page, "dashboard-tabellen");

    // -- downloads: every report as CSV and XLSX, with the page's year and as-of date
    for (const n of REPORT_NAMES) {
      const s = section(page, n);
      for (const [formaat, type] of [
        ["csv", "text/csv"],
        ["xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
      ] as const) {
        const link = s.getByRole("link", { name: formaat === "csv" ? /^CSV/ : /^Excel \(XLSX\)/ });
        const href = await link.getAttribute("href");
        expect(href, n).toBe(`/api/v1/monitoring/rapporten/${n}?${QUERY}&formaat=${formaat}`);
        expect(await link.getAttribute("download")).not.toBeNull();
        const response = await page.request.get(`${server.url}${href}`);
        expect(response.status()).toBe(200);
        expect(response.headers()["content-type"]).toContain(type);
        expect(response.headers()["content-disposition"]).toContain(
          `attachment; filename="${n}-2025.${formaat}"`,
        );
      }
    }

    // Clicking is a download, not a new page: the CSV of per-segment and the XLSX of pxq, with a figure.
    const before = page.url();
    const [csvDownload] = await Promise.all([
      page.waitForEvent("download", WAIT),
      section(page, "per-segment").getByRole("link", { name: /^CSV/ }).click(),
    ]);
    expect(csvDownload.suggestedFilename()).toBe("per-segment-2025.csv");
    const csv = readFileSync(await csvDownload.path(), "utf8");
    const firstSegment = reports["per-segment"].rijen[0] as Row;
    expect(csv.replace(/^\uFEFF/, "").split(/\r?\n/)[0]).toBe(
      "regio,segment,bekostiging,clienten,toewijzingen,uitgaven",
    );
    expect(csv).toContain(
      `${firstSegment.regio},${firstSegment.segment},${firstSegment.bekostiging},${firstSegment.clienten},${firstSegment.toewijzingen},${firstSegment.uitgaven}`,
    );
    const [xlsxDownload] = await Promise.all([
      page.waitForEvent("download", WAIT),
      section(page, "pxq")
        .getByRole("link", { name: /^Excel/ })
        .click(),
    ]);
    expect(xlsxDownload.suggestedFilename()).toBe("pxq-2025.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsxDownload.path());
    const amounts: unknown[] = [];
    workbook.worksheets[0]?.eachRow((row) => row.eachCell((cell) => amounts.push(cell.value)));
    expect(amounts).toContain(reports.pxq.rijen[0]?.bedrag);
    expect(page.url()).toBe(before);
    await page.getByRole("heading", { level: 1, name: "Monitoring" }).waitFor(WAIT);

    // -- one region: the address follows, and the figures are the region's
    await page.getByLabel("Regio", { exact: true }).selectOption("hart-van-brabant");
    await page.getByRole("button", { name: "Toon de cijfers" }).click();
    await expect.poll(() => page.url(), WAIT).toContain("/dashboard?jaar=2025&regio=hart-van-brabant");
    await page
      .getByRole("status")
      .getByText(/Cijfers van 2025, Regio Hart van Brabant/)
      .waitFor(WAIT);
    await dashboardLoaded(page);
    const regional = await apiReport(page, "per-segment", `${QUERY}&regio=hart-van-brabant`);
    const s = section(page, "per-segment");
    await openTable(s);
    expect((await tableOf(s)).rows).toEqual(
      regional.rijen.map((r) => regional.kolommen.map((c) => expectedCell(regional, r, c))),
    );
    expect(await s.getByRole("link", { name: /^CSV/ }).getAttribute("href")).toBe(
      `/api/v1/monitoring/rapporten/per-segment?${QUERY}&regio=hart-van-brabant&formaat=csv`,
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "dashboard-hart-van-brabant");

    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  },
);
