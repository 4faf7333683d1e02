import { afterAll, beforeAll, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import { addProvider } from "../src/store/registry.ts";
import { addGgzProvider, AGB } from "./support/ijw.ts";
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
 * From a guided advice to a referral and an allocation in one flow, signed in as the access team of
 * Tilburg: the BSN typed in a form (a POST body; emptied and masked afterwards), then the allocation.
 * The registry's rules come back as Dutch errors at the right field with an error summary that links to
 * it: a provider without a contract for the product, an end date beyond the maximum duration, and an
 * allocation that overlaps the one just made. No BSN in any address the browser visited.
 */

const WAIT = { timeout: 30_000, interval: 100 };
const TODAY = "2024-03-01";
const [child = ""] = testBsns(1, 8118);
/** A provider contracted for every product of segment 4 (AGB of the GGZ provider: only ggz-specialistisch). */
const WIDE = "34567890";

let server: WebServer;
let browser: BrowserSession;
const visited: string[] = [];

beforeAll(async () => {
  ({ server, browser } = await openWebApp({ today: () => TODAY }));
  await addGgzProvider(server.store);
  await addProvider(server.store, {
    agb: WIDE,
    name: "Jeugd-GGZ Brabant (fictief)",
    contracts: [
      {
        regionId: "hart-van-brabant",
        segment: "4",
        product: null,
        purchaseArea: null,
        validFrom: "2023-01-01",
        validTo: null,
      },
    ],
  });
  browser.page.on("request", (request) => visited.push(request.url()));
  browser.page.on("framenavigated", (frame) => visited.push(frame.url()));
}, 180_000);

afterAll(() => closeWebApp(server, browser));

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
  "turns an advice into a referral and an allocation, with the registry's refusals at the fields",
  { timeout: 300_000 },
  async () => {
    const { page } = browser;
    await page.goto(`${server.url}/aanmelden`);
    await page.getByLabel(/Medewerker toegang of wijkteam/).check();
    await page.getByRole("button", { name: "Aanmelden", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Mijn sessie" }).waitFor();

    await page.getByRole("link", { name: "Advies" }).click();
    await expect.poll(() => page.locator("#plaats-gemeente option").count(), WAIT).toBeGreaterThan(10);
    await page.getByLabel("Gemeente", { exact: true }).selectOption({ label: "Tilburg" });
    await page.getByRole("button", { name: "Start het advies" }).click();
    await page.locator("#advies").waitFor();
    for (let round = 0; round < 30; round++) {
      await adviceSettled(page);
      const open = page.locator('[data-fact][data-answered="nee"]');
      if ((await open.count()) === 0) break;
      const fact = (await open.first().getAttribute("data-fact")) ?? "";
      const question = page.locator(`[data-fact="${fact}"]`);
      if (typed[fact] !== undefined) {
        await question.locator("input").fill(typed[fact]);
        await question.locator("input").press("Tab");
      } else if (clicks[fact] !== undefined) {
        await question.getByText(clicks[fact], { exact: true }).click();
      } else {
        throw new Error(`de test weet geen antwoord op de vraag naar '${fact}'`);
      }
      await expect.poll(() => question.getAttribute("data-answered"), WAIT).toBe("ja");
    }
    await adviceSettled(page);
    await expect.poll(() => page.locator(".ww-advice").innerText(), WAIT).toContain("Segment 4");

    // Step 4: the referral. First without a valid number: stopped at the field.
    await page.getByRole("button", { name: "Aanmelden als verwijzing" }).click();
    const bsnField = page.getByLabel("Burgerservicenummer van het kind");
    await bsnField.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "verwijzing-bsn");
    await page.getByRole("button", { name: "Verwijzing vastleggen" }).click();
    await expect.poll(() => page.locator(".ww-referral .ww-error-summary").count(), WAIT).toBe(1);
    expect(await page.getAttribute("#verwijzing-bsn", "aria-invalid")).toBe("true");
    expect(await page.locator(".ww-referral .ww-error-summary a").getAttribute("href")).toBe(
      "#verwijzing-bsn",
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "verwijzing-bsn-fout");

    await bsnField.fill(child);
    await page.getByRole("button", { name: "Verwijzing vastleggen" }).click();
    await page.getByRole("heading", { level: 3, name: "Toewijzing" }).waitFor();
    const referral = page.locator(".ww-referral");
    await expect.poll(() => referral.innerText(), WAIT).toMatch(/met BSN \*{6}\d{3}/);
    expect(await page.locator("main").innerText()).not.toContain(child);
    // The providers with a contract for the advised segment, read from the registry.
    await expect.poll(() => page.locator("#toewijzing-aanbieder option").count(), WAIT).toBe(3);
    expect(await page.inputValue("#toewijzing-segment")).toBe("4");
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "verwijzing-toewijzing");

    // Two refusals of the registry at once: this provider has no contract for this product, and the end
    // date lies beyond the maximum of two years.
    await page.locator("#toewijzing-product").selectOption("ggz-hoog-specialistisch");
    await page.locator("#toewijzing-aanbieder").selectOption(AGB);
    await page.locator("#toewijzing-start").fill("01-03-2024");
    await page.locator("#toewijzing-einde").fill("01-03-2027");
    await page.getByRole("button", { name: "Toewijzing vastleggen" }).click();
    const summary = referral.locator(".ww-error-summary");
    await expect.poll(() => summary.count(), WAIT).toBe(1);
    const summaryText = await summary.innerText();
    expect(summaryText).toContain("Aanbieder is op 1 maart 2024 niet gecontracteerd voor");
    expect(summaryText).toContain("Kies een aanbieder met een contract voor dit product.");
    expect(summaryText).toContain("Einddatum ligt na 28 februari 2026: dit product duurt maximaal 2 jaar.");
    const links = await summary.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links).toEqual(expect.arrayContaining(["#toewijzing-aanbieder", "#toewijzing-einde"]));
    expect(await page.getAttribute("#toewijzing-aanbieder", "aria-invalid")).toBe("true");
    expect(await page.getAttribute("#toewijzing-einde", "aria-invalid")).toBe("true");
    expect(await page.locator("#toewijzing-einde-fout").innerText()).toContain("maximaal 2 jaar");
    expect(await page.evaluate(() => document.activeElement?.classList.contains("ww-error-summary"))).toBe(
      true,
    );
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "verwijzing-fouten");

    // Corrected: a provider with a contract for every product, and an end within two years.
    await page.locator("#toewijzing-aanbieder").selectOption(WIDE);
    await page.locator("#toewijzing-einde").fill("28-02-2025");
    await page.getByRole("button", { name: "Toewijzing vastleggen" }).click();
    await page.getByRole("heading", { level: 3, name: /Toewijzing T\d+ vastgelegd/ }).waitFor();
    const done = await referral.innerText();
    expect(done).toContain("GGZ hoog specialistisch");
    expect(done).toContain("Jeugd-GGZ Brabant (fictief) (AGB 34567890)");
    expect(done).toContain("1 maart 2024 tot en met 28 februari 2025");
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "verwijzing-toegewezen");

    // The same allocation again overlaps the one just made: refused at the start date.
    await page.getByRole("button", { name: "Nog een toewijzing voor dit kind" }).click();
    await page.locator("#toewijzing-aanbieder").selectOption(WIDE);
    await page.locator("#toewijzing-product").selectOption("ggz-hoog-specialistisch");
    await page.locator("#toewijzing-einde").fill("28-02-2025");
    await page.getByRole("button", { name: "Toewijzing vastleggen" }).click();
    await expect.poll(() => summary.count(), WAIT).toBe(1);
    expect(await summary.innerText()).toMatch(/Startdatum overlapt met toewijzing T\d+/);
    expect(await page.getAttribute("#toewijzing-start", "aria-invalid")).toBe("true");
    expect(await axeViolations(page)).toEqual([]);

    // In the registry: one referral and one allocation for the child, made by the access team.
    const allocations = await server.store.db.selectFrom("allocation").selectAll().execute();
    expect(allocations.map((a) => [a.product, a.provider_agb, a.start_date, a.end_date])).toEqual([
      ["ggz-hoog-specialistisch", WIDE, "2024-03-01", "2025-02-28"],
    ]);
    const referrals = await server.store.db.selectFrom("referral").selectAll().execute();
    expect(referrals.map((r) => [r.referred_by, r.segments])).toEqual([["demo-toegang", "4"]]);

    // The BSN never went into an address, and not into the audit trail.
    expect(visited.length).toBeGreaterThan(10);
    expect(visited.filter((url) => url.includes(child))).toEqual([]);
    const audit = JSON.stringify(await server.store.db.selectFrom("audit_event").selectAll().execute());
    expect(audit).not.toContain(child);
    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  },
);
