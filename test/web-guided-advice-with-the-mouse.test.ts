import { afterAll, beforeAll, expect, it } from "vitest";
import {
  adviceSettled,
  axeViolations,
  type BrowserSession,
  closeWebApp,
  openWebApp,
  screenshot,
  type WebServer,
} from "./support/web.ts";

/**
 * The guided advice in the browser, with the mouse: Tilburg on 1 March 2024, the questions the engine
 * asks one after another, to segment 4 with its route, coordination and the reasons with their sources;
 * then the same case in another region. axe finds nothing on the empty form, the form with errors, the
 * advice and the comparison; the screenshots of docs/screenshots are taken on the way.
 */

/** The machine is shared: answers may take seconds. */
const WAIT = { timeout: 30_000, interval: 100 };

let server: WebServer;
let browser: BrowserSession;

beforeAll(async () => {
  ({ server, browser } = await openWebApp());
}, 120_000);

afterAll(() => closeWebApp(server, browser));

/** How this test answers each question the engine may ask: a click on the label, or typing and Tab. */
const clicks: Record<string, string> = {
  requestedCare: "GGZ specialistisch",
  developmentPerspective: "Ja",
  residentialCentral: "Nee",
  complexity: "Enkelvoudig",
  crisis: "Nee",
  protectionMeasure: "Geen",
  otherDomains: "Geen van deze",
  siblings: "Geen van deze",
  currentCare: "Geen van deze",
  referrer: "Gemeente (toegang of wijkteam)",
};
const typed: Record<string, string> = {
  birthDate: "20-01-2015",
  "estimatedHours.begeleiding": "0",
  "estimatedHours.behandeling": "210",
};

it(
  "leads with the mouse to an advice with reasons and sources, and compares it with another region",
  { timeout: 240_000 },
  async () => {
    const { page } = browser;
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.locator("#plaats-gemeente option").count(), WAIT).toBeGreaterThan(10);
    expect(await page.getAttribute("html", "lang")).toBe("nl");
    expect(await page.title()).toBe("Advies bij een hulpvraag — Wegwijzer");
    expect(await page.inputValue("#datum")).toBe("01-03-2024");
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "advies-start");

    // Starting without a municipality: an error summary that links to the field, and the field marked.
    await page.getByRole("button", { name: "Start het advies" }).click();
    await expect.poll(() => page.locator(".ww-error-summary").count(), WAIT).toBe(1);
    expect(await page.locator(".ww-error-summary").innerText()).toContain("Kies de gemeente");
    expect(await page.getAttribute("#plaats-gemeente", "aria-invalid")).toBe("true");
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "advies-fouten");

    await page.getByLabel("Gemeente", { exact: true }).selectOption({ label: "Tilburg" });
    await page.getByRole("button", { name: "Start het advies" }).click();
    await page.locator("#advies").waitFor();
    await adviceSettled(page);
    expect(await page.locator(".ww-error-summary").count()).toBe(0);

    // A wrong birth date gets its own message at the field and does not reach the API.
    await page.getByLabel("Wat is de geboortedatum van de jeugdige?").fill("31-02-2015");
    await page.getByLabel("Wat is de geboortedatum van de jeugdige?").press("Tab");
    await page.getByText("Vul een bestaande datum in als dag-maand-jaar").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "advies-vraag-met-fout");

    // Answer the first open question until none is left; the engine decides which come.
    const answered: string[] = [];
    for (let round = 0; round < 30; round++) {
      await adviceSettled(page);
      const open = page.locator('[data-fact][data-answered="nee"]');
      if ((await open.count()) === 0) break;
      const fact = (await open.first().getAttribute("data-fact")) ?? "";
      const question = page.locator(`[data-fact="${fact}"]`);
      if (typed[fact] !== undefined) {
        const box = question.locator("input");
        await box.fill(typed[fact]);
        await box.press("Tab");
      } else if (clicks[fact] !== undefined) {
        await question.getByText(clicks[fact], { exact: true }).click();
      } else {
        throw new Error(`de test weet geen antwoord op de vraag naar '${fact}'`);
      }
      answered.push(fact);
      await expect.poll(() => question.getAttribute("data-answered"), WAIT).toBe("ja");
    }
    await adviceSettled(page);
    expect(answered).toContain("birthDate");
    expect(answered).not.toContain("coordinatedMultidisciplinary");
    // An answered question keeps its own text (it is no longer among the open ones the API lists).
    expect(await page.locator('[data-fact="siblings"] legend').innerText()).toBe(
      "Krijgen broers of zussen jeugdhulp, en uit welk segment?",
    );

    const advice = page.locator(".ww-advice");
    await expect.poll(() => advice.innerText(), WAIT).toContain("Het advies is compleet");
    const text = await advice.innerText();
    expect(text).toContain("Segment 4");
    expect(text).toContain("Verwijs naar:");
    expect(text).toContain("Coördinatie");
    expect(text).toContain("Duur");
    expect(text).toContain("Financiering");
    expect(text).toContain("Waarom: de regels en hun bron");
    expect(text).toContain("Geldt:");
    expect(text).toMatch(/Bron: .+\(bestand [^)]+\.txt\)/);
    // The rules that did not apply are there too, behind a summary the user can open.
    expect(await page.locator(".ww-reasons details").count()).toBeGreaterThan(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "advies-resultaat");

    // Print: only the advice, without navigation, form or buttons, and with the closed reasons opened.
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".ww-nav").isVisible()).toBe(false);
    expect(await page.locator("form").first().isVisible()).toBe(false);
    expect(await page.locator(".ww-advice").isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
    expect(await page.locator(".ww-reasons details:not([open])").count()).toBe(0);

    // Compare with another region.
    await page.getByRole("button", { name: "Vergelijk" }).click();
    await page.getByText("Kies de regio waarmee u wilt vergelijken.").waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel("Andere regio", { exact: true }).selectOption({ label: "Een 10 voor de jeugd" });
    await page.getByRole("button", { name: "Vergelijk" }).click();
    const comparison = page.locator(".ww-comparison");
    await comparison.waitFor();
    const table = await comparison.innerText();
    expect(table).toContain("Regio Hart van Brabant");
    expect(table).toContain("Een 10 voor de jeugd");
    expect(table).toMatch(/Verschilt|Gelijk/);
    expect(await axeViolations(page)).toEqual([]);
    await comparison.scrollIntoViewIfNeeded();
    await screenshot(page, "advies-vergelijking");

    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  },
);
