import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  adviceSettled,
  axeViolations,
  type BrowserSession,
  closeWebApp,
  openWebApp,
  type WebServer,
} from "./support/web.ts";

/**
 * The guided advice without a mouse: only Tab, Shift+Tab, Enter, Space and the arrow keys (and typing
 * digits into the date and number fields). It starts at the skip link, chooses Tilburg in the select with
 * the arrow keys, answers every question the engine asks, and follows the link to the advice.
 */

const WAIT = { timeout: 30_000, interval: 100 };

let server: WebServer;
let browser: BrowserSession;

beforeAll(async () => {
  ({ server, browser } = await openWebApp());
}, 120_000);

afterAll(() => closeWebApp(server, browser));

interface Focused {
  id: string;
  tag: string;
  type: string;
  text: string;
  checked: boolean;
  selected: string;
}

const focused = (page: Page): Promise<Focused> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const input = el as HTMLInputElement | null;
    const select = el instanceof HTMLSelectElement ? el : null;
    return {
      id: el?.id ?? "",
      tag: el?.tagName.toLowerCase() ?? "",
      type: input?.type ?? "",
      text: (el?.textContent ?? "").trim(),
      checked: Boolean(input?.checked),
      selected: select ? (select.selectedOptions[0]?.textContent ?? "") : "",
    };
  });

/** Tab forward until the focused element passes the test; fails after `max` presses. */
async function tabTo(page: Page, what: string, test: (f: Focused) => boolean, max = 120): Promise<Focused> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const f = await focused(page);
    if (test(f)) return f;
  }
  throw new Error(`met Tab niet bij ${what} gekomen`);
}

/** In a radio group the arrow keys move and choose; Space chooses the first one Tab lands on. */
async function chooseRadio(page: Page, groupId: string, value: string): Promise<void> {
  const first = await tabTo(page, groupId, (f) => f.type === "radio" && f.id.startsWith(`${groupId}-`));
  if (first.id === `${groupId}-${value}`) {
    if (!first.checked) await page.keyboard.press("Space");
    return;
  }
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press("ArrowDown");
    if ((await focused(page)).id === `${groupId}-${value}`) return;
  }
  throw new Error(`geen keuze ${value} in ${groupId}`);
}

async function checkBox(page: Page, id: string): Promise<void> {
  await tabTo(page, id, (f) => f.id === id);
  await page.keyboard.press("Space");
}

async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, id, (f) => f.id === id);
  await page.keyboard.type(text);
}

const waitAnswered = async (page: Page, fact: string) => {
  await expect
    .poll(() => page.locator(`[data-fact="${fact}"]`).getAttribute("data-answered"), WAIT)
    .toBe("ja");
  await adviceSettled(page);
};

it("reaches an advice with the keyboard alone", { timeout: 300_000 }, async () => {
  const { page } = browser;
  await page.goto(`${server.url}/`);
  await expect.poll(() => page.locator("#plaats-gemeente option").count(), WAIT).toBeGreaterThan(10);

  // The first Tab reaches the skip link; Enter takes the focus to the content.
  await page.keyboard.press("Tab");
  expect((await focused(page)).text).toBe("Naar de inhoud");
  expect(await page.locator(".utrecht-skip-link").isVisible()).toBe(true);
  await page.keyboard.press("Enter");
  expect((await focused(page)).id).toBe("inhoud");

  // "Gemeente" is chosen already; the select takes the arrow keys until it shows Tilburg.
  const choice = await tabTo(page, "de keuze gemeente of regio", (f) => f.type === "radio");
  expect(choice.id).toBe("plaats-soort-gemeente");
  expect(choice.checked).toBe(true);
  await tabTo(page, "de gemeente", (f) => f.id === "plaats-gemeente");
  for (let i = 0; i < 1000 && (await focused(page)).selected !== "Tilburg"; i++) {
    await page.keyboard.press("ArrowDown");
  }
  expect((await focused(page)).selected).toBe("Tilburg");
  // The date is today on the test's fixed clock (1 March 2024): Tab past it to the button.
  await tabTo(page, "de datum", (f) => f.id === "datum");
  // Shift+Tab goes back to the municipality, and Tab returns: the order is the reading order.
  await page.keyboard.press("Shift+Tab");
  expect((await focused(page)).id).toBe("plaats-gemeente");
  await page.keyboard.press("Tab");
  await tabTo(page, "de knop", (f) => f.text === "Start het advies");
  await page.keyboard.press("Enter");
  await page.locator("#advies").waitFor();
  await adviceSettled(page);

  // The questions come in the order the engine lists them; each answer asks the API again.
  await typeInto(page, "vraag-birthDate", "20-01-2015");
  await page.keyboard.press("Tab"); // leaving the field counts the answer
  await waitAnswered(page, "birthDate");
  await page.keyboard.press("Shift+Tab");
  expect((await focused(page)).id).toBe("vraag-birthDate");

  await checkBox(page, "vraag-requestedCare-ggz-specialistisch");
  await waitAnswered(page, "requestedCare");
  await chooseRadio(page, "vraag-developmentPerspective", "ja");
  await waitAnswered(page, "developmentPerspective");
  await chooseRadio(page, "vraag-residentialCentral", "nee");
  await waitAnswered(page, "residentialCentral");
  await chooseRadio(page, "vraag-complexity", "enkelvoudig");
  await waitAnswered(page, "complexity");
  await chooseRadio(page, "vraag-crisis", "nee");
  await waitAnswered(page, "crisis");
  await typeInto(page, "vraag-estimatedHours-begeleiding", "0");
  await page.keyboard.press("Enter");
  await waitAnswered(page, "estimatedHours.begeleiding");
  await typeInto(page, "vraag-estimatedHours-behandeling", "210");
  await page.keyboard.press("Enter");
  await waitAnswered(page, "estimatedHours.behandeling");
  await chooseRadio(page, "vraag-protectionMeasure", "geen");
  await waitAnswered(page, "protectionMeasure");
  await checkBox(page, "vraag-otherDomains-geen");
  await waitAnswered(page, "otherDomains");
  await checkBox(page, "vraag-siblings-geen");
  await waitAnswered(page, "siblings");

  expect(await page.locator('[data-fact][data-answered="nee"]').count()).toBe(0);

  // The link after the questions takes the focus to the advice.
  await tabTo(page, "de link naar het advies", (f) => f.text === "Naar het advies");
  await page.keyboard.press("Enter");
  await expect.poll(async () => (await focused(page)).id, WAIT).toBe("advies");
  const advice = await page.locator(".ww-advice").innerText();
  expect(advice).toContain("Het advies is compleet");
  expect(advice).toContain("Segment 4");
  expect(advice).toContain("Bron:");

  // The print button is reachable and works with Enter (the print dialog itself is the browser's).
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed++;
    };
  });
  await tabTo(page, "de printknop", (f) => f.text === "Afdrukken of opslaan als pdf", 400);
  await page.keyboard.press("Enter");
  expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);

  // Every focused control shows where the focus is.
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle);
  expect(outline).not.toBe("none");

  expect(await axeViolations(page)).toEqual([]);
  expect(browser.cspViolations).toEqual([]);
  expect(browser.pageErrors).toEqual([]);
});
