import { mkdirSync } from "node:fs";
import { join } from "node:path";
import axe from "axe-core";
import { inject } from "vitest";
import type { FastifyInstance } from "fastify";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { buildServer } from "../../src/server/app.ts";
import { type Store, openStore } from "../../src/store/database.ts";
import { seedDemoUsers } from "../../src/store/demo-users.ts";
import { BsnVault } from "../../src/store/vault.ts";

/**
 * What the browser tests of the web app share: the app built once per test file into a folder of its own
 * (so a parallel `npm start`, which rebuilds web/dist, never pulls files away under a test), the real
 * server on 127.0.0.1 with an in-memory registry and the demo users, Debian's Chromium through
 * playwright-core, an axe check, and screenshots for docs/screenshots.
 */

const root = join(import.meta.dirname, "..", "..");
export const SCREENSHOTS = join(root, "docs", "screenshots");

/** Debian's Chromium; CHROMIUM_PATH points elsewhere (another distribution, a local build). */
const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/**
 * The web app built once for the whole run by the global setup (vitest.config.ts). The folder belongs to
 * the run: `remove` is a no-op here, the global setup's teardown removes it.
 */
export function buildWebApp(): { dir: string; remove(): void } {
  return { dir: inject("webRoot"), remove: () => undefined };
}

export interface WebServer {
  url: string;
  app: FastifyInstance;
  store: Store;
  close(): Promise<void>;
}

/** `today`: the server's date for the iJw rules and the registry (default: the real date). */
export async function startWebServer(
  webRoot: string,
  options: { today?: () => string } = {},
): Promise<WebServer> {
  const store = await openStore({ dataDir: "memory://", bsnKey: BsnVault.newKey() });
  await seedDemoUsers(store);
  const app = await buildServer({
    store,
    webRoot,
    ...(options.today ? { today: options.today } : {}),
    auth: { demoLogin: true },
    // A keyboard run asks for an advice after every answer; the limit is tested on its own.
    rateLimit: { max: 1_000_000, timeWindowMs: 60_000 },
  });
  const url = await app.listen({ port: 0, host: "127.0.0.1" });
  return {
    url,
    app,
    store,
    close: async () => {
      await app.close();
      await store.close();
    },
  };
}

export interface BrowserSession {
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Console messages about the Content Security Policy: the app must need no exception to it. */
  cspViolations: string[];
  /** Errors thrown in the page. */
  pageErrors: string[];
}

export async function openBrowser(): Promise<BrowserSession> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--font-render-hinting=none",
    ],
  });
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    locale: "nl-NL",
    timezoneId: "Europe/Amsterdam",
    reducedMotion: "reduce",
  });
  // Tests talk only to this machine: anything else is refused before it leaves the browser.
  await context.route("**/*", (route) => {
    const host = new URL(route.request().url()).hostname;
    return host === "127.0.0.1" ? route.continue() : route.abort("blockedbyclient");
  });
  const page = await context.newPage();
  // The default date in the form is today: a fixed clock keeps the screenshots the same every run.
  await page.clock.setFixedTime(new Date("2024-03-01T10:00:00+01:00"));
  const cspViolations: string[] = [];
  const pageErrors: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });
  page.on("pageerror", (error) => pageErrors.push(error.message));
  return { browser, context, page, cspViolations, pageErrors };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * axe-core on the page as it is now, with the WCAG 2.1 A and AA rules. axe's source is evaluated through
 * the DevTools protocol rather than added as a <script>: the app's CSP (rightly) refuses inline scripts.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => "axe" in window);
  if (!loaded) await page.evaluate(axe.source);
  return page.evaluate(async () => {
    const runner = (window as unknown as { axe: typeof axe }).axe;
    const result = await runner.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
      resultTypes: ["violations"],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`),
    }));
  });
}

/** The tallest part of a page a screenshot keeps: a person looks at a screen or two, not at 20,000 pixels. */
const SCREENSHOT_MAX_HEIGHT = 3000;

/**
 * A screenshot for docs/screenshots (the README links them): the whole page when it is short, else a
 * window of SCREENSHOT_MAX_HEIGHT around what the test last scrolled to (the part the step is about).
 * JPEG: full pages of text as PNG made the folder some 24 MB.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const { height, scrollY, viewport } = await page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    scrollY: window.scrollY,
    viewport: window.innerHeight,
  }));
  const span = Math.min(height, SCREENSHOT_MAX_HEIGHT);
  const centre = scrollY + viewport / 2;
  const top = Math.max(0, Math.min(height - span, Math.round(centre - span / 2)));
  await page.screenshot({
    path: join(SCREENSHOTS, `${name}.jpg`),
    type: "jpeg",
    quality: 70,
    fullPage: true,
    clip: { x: 0, y: top, width: page.viewportSize()?.width ?? 1280, height: span },
    animations: "disabled",
    caret: "hide",
  });
}

/** Waits until the advice belongs to the latest answer (the page marks it busy while it asks the API). */
export async function adviceSettled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const section = document.querySelector(".ww-advice-section");
    return section !== null && section.getAttribute("aria-busy") !== "true";
  });
}

/** The server with its in-memory registry and a browser, as every browser test starts them. */
export async function openWebApp(
  options: { today?: () => string } = {},
): Promise<{ server: WebServer; browser: BrowserSession }> {
  const server = await startWebServer(buildWebApp().dir, options);
  try {
    return { server, browser: await openBrowser() };
  } catch (e) {
    await server.close();
    throw e;
  }
}

/** Closes what openWebApp opened; either may be missing when beforeAll failed half-way. */
export async function closeWebApp(server?: WebServer, browser?: BrowserSession): Promise<void> {
  await browser?.browser.close();
  await server?.close();
}
