import { afterAll, beforeAll, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import { parseCase } from "../src/domain/case.ts";
import { compiledRegionFor } from "../src/rules/region-for.ts";
import { importMessage } from "../src/store/ijw.ts";
import {
  addProvider,
  createAllocation,
  createFamily,
  createReferral,
  endAllocation,
  findClientByBsn,
} from "../src/store/registry.ts";
import { addGgzProvider, AGB, bytes, GGZ, votXml } from "./support/ijw.ts";
import { hvb, tilburgGgzCase } from "./support/registry.ts";
import {
  axeViolations,
  type BrowserSession,
  closeWebApp,
  openWebApp,
  screenshot,
  type WebServer,
} from "./support/web.ts";

/**
 * The client file in Chromium, signed in as the access team of Tilburg: found by a BSN typed in a form
 * (sent in a POST body; the file's address has the registry id), with the allocations on a timeline and
 * in a table, the iJw messages in and out, the deadlines (the overdue start report marked "te laat"),
 * the family and its coordinator, and who looked at the file (the professional's own earlier look).
 * The store is filled through the registry functions and an iJw import first.
 */

const WAIT = { timeout: 30_000, interval: 100 };
/** The browser's fixed clock (test/support/web.ts) and the server's date agree. */
const TODAY = "2024-03-01";
const [child = "", sibling = ""] = testBsns(2, 7007);
const P2 = "23456789";

let server: WebServer;
let browser: BrowserSession;
let clientId = "";
const visited: string[] = [];

beforeAll(async () => {
  ({ server, browser } = await openWebApp({ today: () => TODAY }));
  const { store } = server;
  await addGgzProvider(store);
  await addProvider(store, {
    agb: P2,
    name: "Pleegzorg Midden (fictief)",
    contracts: [
      {
        regionId: "hart-van-brabant",
        segment: "2",
        product: null,
        purchaseArea: null,
        validFrom: "2023-01-01",
        validTo: null,
      },
    ],
  });
  const { referral } = await createReferral(store, hvb, {
    bsn: child,
    facts: parseCase({ ...tilburgGgzCase, requestDate: "2023-02-01" }),
    idempotencyKey: "web-dossier-1",
    referredBy: "demo-toegang",
  });
  clientId = referral.clientId;
  // An earlier allocation, ended; then the current one comes through an iJw request (JW315 in, JW301 out).
  const { allocation } = await createAllocation(store, hvb, {
    clientId,
    referralId: referral.id,
    municipality: "0855",
    segment: "4",
    product: "ggz-specialistisch",
    providerAgb: AGB,
    startDate: "2023-03-01",
    endDate: "2023-12-31",
    idempotencyKey: "web-dossier-2",
  });
  await endAllocation(store, { number: allocation.number, endDate: "2023-11-30", reason: "doel bereikt" });
  const imported = await importMessage(
    store,
    bytes(
      votXml({
        identificatie: "VOT-DOS-1",
        dagtekening: "2024-01-10",
        bsn: child,
        products: [
          {
            ref: "REF-DOS-1",
            ...GGZ,
            start: "2024-01-15",
            end: "2024-12-31",
            omvang: { Volume: 2, Eenheid: "04", Frequentie: "2" },
          },
        ],
      }),
    ),
    { today: "2024-01-10", regionFor: compiledRegionFor },
  );
  expect(imported.status).toBe("verwerkt");
  // A sibling in foster care (segment 2) beside the child in segment 4: the region asks for a coordinator.
  await createFamily(store, { municipality: "0855", bsns: [child, sibling], idempotencyKey: "web-gezin" });
  const brother = await findClientByBsn(store, sibling);
  await createAllocation(store, hvb, {
    clientId: brother?.id ?? "",
    municipality: "0855",
    segment: "2",
    product: "pleegzorg",
    providerAgb: P2,
    startDate: "2024-01-01",
    endDate: "2025-12-31",
    idempotencyKey: "web-dossier-3",
  });

  const { page } = browser;
  page.on("request", (request) => visited.push(request.url()));
  page.on("framenavigated", (frame) => visited.push(frame.url()));
}, 180_000);

afterAll(() => closeWebApp(server, browser));

it(
  "finds a client by BSN in a form and shows the file with its timeline, messages, deadlines, family and access log",
  { timeout: 240_000 },
  async () => {
    const { page } = browser;
    await page.goto(`${server.url}/aanmelden`);
    await page.getByLabel(/Medewerker toegang of wijkteam/).check();
    await page.getByRole("button", { name: "Aanmelden", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Mijn sessie" }).waitFor();

    await page.getByRole("link", { name: "Cliënten" }).click();
    await page.getByRole("heading", { level: 1, name: "Cliënt zoeken" }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "clientdossier-zoeken");

    // A number that fails the check (elfproef) is stopped at the field, with a summary that links to it.
    await page.getByLabel("Burgerservicenummer van het kind").fill("123456789");
    await page.getByRole("button", { name: "Zoeken" }).click();
    await expect.poll(() => page.locator(".ww-error-summary").count(), WAIT).toBe(1);
    expect(await page.getAttribute("#zoek-bsn", "aria-invalid")).toBe("true");
    expect(await page.locator(".ww-error-summary a").getAttribute("href")).toBe("#zoek-bsn");
    expect(await axeViolations(page)).toEqual([]);

    await page.getByLabel("Burgerservicenummer van het kind").fill(child);
    await page.getByRole("button", { name: "Zoeken" }).click();
    await page.getByRole("heading", { name: /Gevonden met BSN \*{6}\d{3}/ }).waitFor();
    // The field is emptied: the number is on screen only masked.
    expect(await page.inputValue("#zoek-bsn")).toBe("");
    expect(await page.locator("main").innerText()).not.toContain(child);
    await page.getByRole("link", { name: /Dossier van/ }).click();
    await page.waitForURL(`${server.url}/clienten/${clientId}`);
    await page.getByRole("heading", { level: 2, name: "Wie keek in dit dossier" }).waitFor();
    await page.getByRole("table", { name: /Wie keek in dit dossier/ }).waitFor();

    // Look again later (a reload): the log shows the earlier look, newest first.
    await page.reload();
    const log = page.getByRole("table", { name: /Wie keek in dit dossier/ });
    await log.waitFor();
    const logText = await log.innerText();
    const ownLooks = (await log.locator("tr", { hasText: "dossier bekeken" }).allInnerTexts()).filter((row) =>
      row.includes("Demo Toegang Tilburg (fictief)"),
    );
    expect(ownLooks.length).toBeGreaterThanOrEqual(2);
    expect(logText).toContain("gemeente:0855");
    expect(logText).toContain("medewerker Toegang van een gemeente");
    expect(logText).toContain("dossier gezocht");
    expect(logText).toContain("Toegang tot jeugdhulp");

    const main = page.locator("main");
    await expect.poll(() => main.innerText(), WAIT).toContain("Berichten in en uit");
    const text = await main.innerText();
    expect(text).not.toContain(child);
    expect(text).toMatch(/BSN\s+\*{6}\d{3} \(verborgen\)/);

    // Timeline: a bar per allocation, and the same in a table.
    expect(await page.locator(".ww-timeline__row").count()).toBe(2);
    expect(await page.locator(".ww-timeline__bar--beeindigd").count()).toBe(1);
    const allocations = page.getByRole("table", { name: /Toewijzingen/ });
    expect(await allocations.locator("tbody tr").count()).toBe(2);
    expect(await allocations.innerText()).toContain("Beëindigd: doel bereikt");
    expect(await allocations.innerText()).toContain("Loopt");

    // Messages in and out about this child only.
    const messages = await page.getByRole("table", { name: /iJw-berichten/ }).innerText();
    expect(messages).toContain("Verzoek om toewijzing (JW315)");
    expect(messages).toContain("Toewijzing (JW301)");
    expect(messages).toContain("Ontvangen");
    expect(messages).toContain("Verstuurd");

    // The start of care was not reported within 5 working days of 15 January: overdue, in words too.
    const deadlines = page.getByRole("table", { name: /Termijnen/ });
    const late = deadlines.locator("tr.ww-deadline--te-laat");
    expect(await late.count()).toBeGreaterThanOrEqual(1);
    expect(await late.first().innerText()).toContain("Te laat");
    const colour = await late
      .first()
      .locator(".ww-deadline-status")
      .evaluate((el) => getComputedStyle(el).color);
    expect(colour).toBe("rgb(176, 0, 32)");
    expect(text).toMatch(/termijn is te laat/i);

    // The family and its coordinator (segments 2 and 4 in one family).
    expect(text).toContain("Gezinsleden");
    expect(text).toContain("segment 2, segment 4");
    expect(text).toContain("coördinator op gezinsniveau");

    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "clientdossier");

    // A file out of reach (or not there) answers like one that does not exist.
    await page.goto(`${server.url}/clienten/00000000-0000-4000-8000-000000000000`);
    await page.getByText("Dit dossier bestaat niet, of u mag het niet zien.").waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // The BSN never went into an address: not in a page, not in a request.
    expect(visited.length).toBeGreaterThan(5);
    expect(visited.filter((url) => url.includes(child) || url.includes(sibling))).toEqual([]);
    const audit = JSON.stringify(await server.store.db.selectFrom("audit_event").selectAll().execute());
    expect(audit).not.toContain(child);
    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  },
);
