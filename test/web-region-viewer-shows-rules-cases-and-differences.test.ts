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
 * The region model viewer for the policy advisor (issue 7 item 6): the rules of every decision table with
 * their conditions in plain Dutch, their source (document file name, section, quote) and the test cases
 * that exercise them (GET /regions/{id}/rules); and the differences between two regions
 * (/regios/vergelijk, GET /regions/{id}/differences): segments, numbers with their values and rules that
 * only one of them has. The page says that versions of one region cannot be compared.
 */

const WAIT = { timeout: 30_000, interval: 100 };

let server: WebServer;
let browser: BrowserSession;

beforeAll(async () => {
  ({ server, browser } = await openWebApp());
}, 120_000);

afterAll(() => closeWebApp(server, browser));

it(
  "shows each rule with its conditions, source and test cases, and what differs between two regions",
  { timeout: 240_000 },
  async () => {
    const { page } = browser;
    await page.goto(`${server.url}/regios/hart-van-brabant`);
    await page.getByRole("heading", { name: "Beslisregels" }).waitFor();
    const decision = page.locator('details[data-decision="segment-hoofd"]');
    await decision.waitFor();
    await decision.locator("summary").click();
    const rule = decision.locator('article[data-rule="s1-vuistregel-begeleiding"]');
    await rule.waitFor();
    const text = await rule.innerText();
    // The condition in plain Dutch, with the threshold in force on the reader's date and its name.
    expect(text).toMatch(/ten minste 300 \(drempel-begeleiding\)/);
    expect(text).toContain("segment 1");
    // The source: document title and file name, section and quote.
    expect(text).toMatch(/bestand \S+\.txt/);
    expect(text).toContain("Vuistregels 1 en 4");
    expect(await rule.locator("blockquote").count()).toBe(1);
    // The test cases that exercise it, with their file and line.
    const cases = await rule.locator(".ww-cases li").allInnerTexts();
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.join("\n")).toMatch(/hart-van-brabant\/cases\/[a-z0-9-]+\.yaml:\d+/);
    // The static check is still on the page.
    expect(await page.locator("main").innerText()).toMatch(/\d+ fouten?, \d+ waarschuwingen?/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "regiomodel-regels");

    // From the model to the comparison, choosing the second region in the form.
    await page.getByRole("link", { name: "Vergelijk met een ander regiomodel" }).click();
    await expect.poll(() => page.url(), WAIT).toBe(`${server.url}/regios/vergelijk?a=hart-van-brabant`);
    await page.getByRole("heading", { level: 1, name: "Regiomodellen vergelijken" }).waitFor();
    await expect.poll(() => page.locator("#vergelijk-b option").count(), WAIT).toBeGreaterThan(2);
    expect(await page.locator("main").innerText()).toContain(
      "Twee versies van dezelfde regio vergelijken kan hier",
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.locator("#vergelijk-b").selectOption("een-10-voor-de-jeugd");
    await page.getByRole("button", { name: "Vergelijken" }).click();
    await expect
      .poll(() => page.url(), WAIT)
      .toBe(`${server.url}/regios/vergelijk?a=hart-van-brabant&b=een-10-voor-de-jeugd`);
    await page.getByRole("heading", { name: "Getallen en grenzen" }).waitFor();

    // A number only Hart van Brabant has, with its value; one only Een 10 voor de jeugd has.
    const threshold = await page.locator('tr[data-parameter="drempel-begeleiding"]').innerText();
    expect(threshold).toContain("300 uur");
    expect(threshold).toContain("niet in dit model");
    expect(await page.locator('tr[data-parameter="minimum-unieke-clienten-2020"]').innerText()).toContain(
      "niet in dit model",
    );
    // Segments 2, 4 and 5 are Hart van Brabant's alone.
    const segments = await page.locator('section[aria-labelledby="verschil-segmenten"] tbody').innerText();
    expect(segments.split("\n").filter((row) => row.includes("niet in dit model"))).toHaveLength(3);
    // A rule only Hart van Brabant has, with its condition in plain Dutch.
    const onlyA = await page.locator('li[data-rule="s1-vuistregel-begeleiding"]').innerText();
    expect(onlyA).toMatch(/ten minste 300 \(drempel-begeleiding\)/);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "regio-vergelijking");

    // Opened directly, the other way round.
    await page.goto(`${server.url}/regios/vergelijk?a=een-10-voor-de-jeugd&b=hart-van-brabant`);
    await page.getByRole("heading", { name: "Getallen en grenzen" }).waitFor();
    expect(await page.locator('tr[data-parameter="drempel-begeleiding"]').innerText()).toContain("300 uur");
    expect(await axeViolations(page)).toEqual([]);

    // An unknown region: the API's Dutch message.
    await page.goto(`${server.url}/regios/vergelijk?a=hart-van-brabant&b=bestaat-niet`);
    await page.locator(".utrecht-alert").nth(1).waitFor();
    expect(await page.locator("main").innerText()).toContain("bestaat-niet");
    expect(await axeViolations(page)).toEqual([]);

    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  },
);
