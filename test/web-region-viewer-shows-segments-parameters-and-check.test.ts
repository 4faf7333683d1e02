import { afterAll, beforeAll, expect, it } from "vitest";
import {
  axeViolations,
  type BrowserSession,
  closeWebApp,
  openWebApp,
  screenshot,
  type WebServer,
} from "./support/web.ts";

/**
 * The region model viewer: the list of models (GET /regions), one model with its segments, products,
 * numbers with their validity and source, municipalities and sources (GET /regions/{id}), and the findings
 * of the static check (GET /regions/{id}/check). A link to a page of the app opened directly (a reload, a
 * shared link) gets the app from the server, which then shows that page.
 */

const WAIT = { timeout: 30_000, interval: 100 };

let server: WebServer;
let browser: BrowserSession;

beforeAll(async () => {
  ({ server, browser } = await openWebApp());
}, 120_000);

afterAll(() => closeWebApp(server, browser));

it(
  "lists the region models and shows one with its segments, numbers, sources and check",
  { timeout: 240_000 },
  async () => {
    const { page } = browser;
    await page.goto(`${server.url}/`);
    await page
      .getByRole("navigation", { name: "Hoofdmenu" })
      .getByRole("link", { name: "Regiomodellen" })
      .click();
    await expect.poll(() => page.url(), WAIT).toBe(`${server.url}/regios`);
    await page.locator("table").waitFor();
    // After following a link the focus is on the new page's heading.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    expect(await page.title()).toBe("Regiomodellen — Wegwijzer");
    const list = await page.locator("table").innerText();
    for (const name of ["Regio Hart van Brabant", "Een 10 voor de jeugd", "Jeugdwet (landelijke basis)"]) {
      expect(list).toContain(name);
    }
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "regiomodellen");

    await page.getByRole("link", { name: "Regio Hart van Brabant" }).click();
    await expect.poll(() => page.url(), WAIT).toBe(`${server.url}/regios/hart-van-brabant`);
    await page.getByRole("heading", { name: "Controle van het model" }).waitFor();
    await page.getByRole("heading", { name: "Segmenten", exact: true }).waitFor();
    const detail = await page.locator("main").innerText();
    expect(detail).toContain("Segment 4");
    expect(detail).toContain("Getallen en grenzen");
    expect(detail).toMatch(/\d+ fouten?, \d+ waarschuwingen?/);
    expect(detail).toContain("Tilburg");
    expect(detail).toMatch(/\.txt/); // the source documents by file name
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "regiomodel-hart-van-brabant");

    // Opened directly, the same page: the server answers every page path with the app.
    await page.goto(`${server.url}/regios/een-10-voor-de-jeugd`);
    await page.getByRole("heading", { level: 1, name: "Een 10 voor de jeugd" }).waitFor();
    await page.getByRole("heading", { name: "Controle van het model" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A region that does not exist: the API's Dutch message, not a blank page.
    await page.goto(`${server.url}/regios/bestaat-niet`);
    await page.locator(".utrecht-alert").waitFor();
    expect(await page.locator(".utrecht-alert").innerText()).toContain("bestaat-niet");
    expect(await axeViolations(page)).toEqual([]);

    // Back and forward in the browser follow the app's pages.
    await page.goBack();
    await page.getByRole("heading", { level: 1, name: "Een 10 voor de jeugd" }).waitFor();

    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  },
);
