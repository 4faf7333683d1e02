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
 * Signing in as a demo user in Chromium on http://127.0.0.1: the session cookie is __Host-, Secure,
 * HttpOnly and SameSite=Strict, and Chromium keeps a Secure cookie on 127.0.0.1 (a potentially trustworthy
 * origin), so no COOKIE_SECURE=false is needed. Signing out sends the CSRF token from GET /sessie.
 */

const WAIT = { timeout: 30_000, interval: 100 };

let server: WebServer;
let browser: BrowserSession;

beforeAll(async () => {
  ({ server, browser } = await openWebApp());
}, 120_000);

afterAll(() => closeWebApp(server, browser));

it("signs in as a demo user and out again", { timeout: 240_000 }, async () => {
  const { page, context } = browser;
  await page.goto(`${server.url}/aanmelden`);
  await page.getByRole("heading", { level: 1, name: "Aanmelden" }).waitFor();
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, "aanmelden");

  // Without a choice: the message at the group, and the focus on it.
  await page.getByRole("button", { name: "Aanmelden", exact: true }).click();
  await page.getByText("Kies een demogebruiker.").waitFor();
  expect(await axeViolations(page)).toEqual([]);

  await page.getByLabel(/Medewerker toegang of wijkteam/).check();
  await page.getByRole("button", { name: "Aanmelden", exact: true }).click();
  await page.getByRole("heading", { level: 1, name: "Mijn sessie" }).waitFor();
  const text = await page.locator("main").innerText();
  expect(text).toContain("Demo Toegang Tilburg (fictief)");
  expect(text).toContain("gemeente:0855");
  expect(await page.locator(".ww-header__user").innerText()).toContain("Demo Toegang Tilburg");

  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === "__Host-wegwijzer-sessie");
  expect(session).toMatchObject({ secure: true, httpOnly: true, sameSite: "Strict", path: "/" });
  // HttpOnly: the page's scripts cannot read it.
  expect(await page.evaluate(() => document.cookie)).not.toContain("wegwijzer-sessie");
  expect(await axeViolations(page)).toEqual([]);
  await screenshot(page, "aangemeld");

  // The session survives a reload (the cookie goes along with GET /sessie).
  await page.reload();
  await page.getByRole("heading", { level: 1, name: "Mijn sessie" }).waitFor();

  await page.getByRole("button", { name: "Afmelden" }).click();
  await page.getByRole("heading", { level: 1, name: "Aanmelden" }).waitFor();
  await expect
    .poll(async () => (await context.cookies()).some((c) => c.name === "__Host-wegwijzer-sessie"), WAIT)
    .toBe(false);
  const gone = await page.evaluate(async () => (await fetch("/api/v1/sessie")).status);
  expect(gone).toBe(401);

  expect(browser.cspViolations).toEqual([]);
  expect(browser.pageErrors).toEqual([]);
});
