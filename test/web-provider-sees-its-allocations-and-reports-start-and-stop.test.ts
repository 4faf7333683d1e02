import { afterAll, beforeAll, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import { seedDemoUsers } from "../src/store/demo-users.ts";
import { importMessage, markExported, pendingOutgoing } from "../src/store/ijw.ts";
import { addProvider } from "../src/store/registry.ts";
import { addGgzProvider, AGB, bytes, exchangeContext, GGZ, hvbContract, votXml } from "./support/ijw.ts";
import {
  axeViolations,
  type BrowserSession,
  closeWebApp,
  openWebApp,
  screenshot,
  type WebServer,
} from "./support/web.ts";

/**
 * The provider's view (/aanbieder, issue 7 item 4), signed in as demo-aanbieder: the allocations to it
 * (and not another provider's), its requests with their retour and answers (a JW315 allocated with
 * JW316 + JW301, one refused with JW319), and a start and a stop reported from a small form. The server
 * builds the JW305/JW307 and imports it like an uploaded message, so a refusal comes back with the iJw
 * rule's retour code and Dutch text at the field, and the message and its retour are kept.
 */

const WAIT = { timeout: 30_000, interval: 100 };
const TODAY = "2026-03-12";
const OTHER_AGB = "87654321";
const [bsn = "", otherBsn = ""] = testBsns(2, 71);

let server: WebServer;
let browser: BrowserSession;

async function receive(xml: string, day: string) {
  const outcome = await importMessage(server.store, bytes(xml), exchangeContext(day));
  // The provider's system fetched what the municipality sent.
  await markExported(
    server.store,
    (await pendingOutgoing(server.store)).map((m) => m.id),
  );
  return outcome;
}

beforeAll(async () => {
  ({ server, browser } = await openWebApp({ today: () => TODAY }));
  const { store } = server;
  await addGgzProvider(store);
  await addProvider(store, {
    agb: OTHER_AGB,
    name: "Andere aanbieder (fictief)",
    contracts: [hvbContract("ggz-specialistisch", GGZ)],
  });
  // The demo provider's request, allocated (JW316 + JW301); the first allocation in Tilburg makes
  // demo-aanbieder this provider.
  const product = {
    ...GGZ,
    start: "2026-03-09",
    end: "2026-12-31",
    omvang: { Volume: 2, Eenheid: "04", Frequentie: "2" },
  };
  const allocated = await receive(
    votXml({
      identificatie: "VOT-1",
      dagtekening: "2026-03-02",
      bsn,
      products: [{ ref: "REF-1", ...product }],
    }),
    "2026-03-02",
  );
  expect(allocated.status).toBe("verwerkt");
  // A product it has no contract for: refused with a JW319 (reason 3).
  const refused = await receive(
    votXml({
      identificatie: "VOT-2",
      dagtekening: "2026-03-03",
      bsn,
      products: [{ ref: "REF-2", ...product, code: "54002", start: "2026-04-01" }],
    }),
    "2026-03-03",
  );
  expect(refused.produced.map((m) => m.type)).toEqual(["JW316", "JW319"]);
  // Another provider's allocation for another child: never on the demo provider's page.
  const other = await receive(
    votXml({
      identificatie: "VOT-9",
      dagtekening: "2026-03-04",
      bsn: otherBsn,
      agb: OTHER_AGB,
      products: [{ ref: "REF-9", ...product }],
    }),
    "2026-03-04",
  );
  expect(other.status).toBe("verwerkt");
  await seedDemoUsers(store);
}, 180_000);

afterAll(() => closeWebApp(server, browser));

const deliveries = () =>
  server.store.db
    .selectFrom("delivery_report")
    .innerJoin("ijw_message", "ijw_message.id", "delivery_report.message_id")
    .select(["delivery_report.kind", "begin_date", "end_date", "reason", "ijw_message.type"])
    .where("withdrawn_on", "is", null)
    .orderBy("delivery_report.created_at")
    .execute();

it(
  "shows the provider its allocations and requests, and records a start and a stop; a refused start is explained at the field",
  { timeout: 240_000 },
  async () => {
    const { page } = browser;
    const [mine] = await server.store.db
      .selectFrom("allocation")
      .select("number")
      .where("provider_agb", "=", AGB)
      .execute();
    const [theirs] = await server.store.db
      .selectFrom("allocation")
      .select("number")
      .where("provider_agb", "=", OTHER_AGB)
      .execute();
    expect(mine && theirs).toBeTruthy();

    // Not signed in: the page says who it is for.
    await page.goto(`${server.url}/aanbieder`);
    await page.getByText("Deze pagina is voor medewerkers van een jeugdhulpaanbieder.").waitFor();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto(`${server.url}/aanmelden`);
    await page.getByLabel(/Medewerker van een aanbieder/).check();
    await page.getByRole("button", { name: "Aanmelden", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "Mijn sessie" }).waitFor();
    await page
      .getByRole("navigation", { name: "Hoofdmenu" })
      .getByRole("link", { name: "Aanbieder" })
      .click();
    await expect.poll(() => page.url(), WAIT).toBe(`${server.url}/aanbieder`);
    const row = page.locator(`tr[data-toewijzing="${mine!.number}"]`);
    await row.waitFor();
    await expect.poll(() => row.locator(".ww-delivery").innerText(), WAIT).toBe("nog geen start gemeld");
    // Only its own allocation: the other provider's is not there.
    expect(await page.locator(`tr[data-toewijzing="${theirs!.number}"]`).count()).toBe(0);
    expect(await page.locator(".ww-allocations tbody tr").count()).toBe(1);

    // Its requests, each with the retour and the answer.
    await page.locator(".ww-request").nth(1).waitFor();
    const requests = await page.locator(".ww-request").allInnerTexts();
    expect(requests).toHaveLength(2);
    expect(requests[0]).toContain("Verzoek om toewijzing (JW315) VOT-1");
    expect(requests[0]).toContain(`Toegewezen (toewijzing ${mine!.number})`);
    expect(requests[0]).toContain("Retour verzoek om toewijzing (JW316)");
    expect(requests[0]).toContain("Toewijzing (JW301)");
    expect(requests[1]).toContain("VOT-2");
    expect(requests[1]).toContain("Afgewezen");
    expect(requests[1]).toContain("Antwoord op verzoek (JW319)");
    expect(requests[1]).toContain("REF-2: afgewezen (reden 3)");
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "aanbieder");

    // A start before the allocation begins: the municipality's retour code and text at the date field.
    await page.getByLabel("Begindatum").fill("08-03-2026");
    await page.getByRole("button", { name: "Start melden" }).click();
    const startError = page.locator("#melding-begindatum-fout");
    await startError.waitFor();
    expect(await startError.innerText()).toContain(
      "De begindatum ligt buiten de periode van de toewijzing. (retourcode 9019)",
    );
    expect(await page.getByLabel("Begindatum").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator(".ww-error-summary").innerText()).toContain("Begindatum:");
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "aanbieder-start-geweigerd");
    // Refused: nothing recorded, but the message was handled like any other (kept as afgekeurd).
    expect(await deliveries()).toEqual([]);
    const refusedStart = await server.store.db
      .selectFrom("ijw_message")
      .select(["type", "status", "direction"])
      .where("type", "in", ["JW305", "JW306"])
      // One transaction: the same created_at, so the order is by direction.
      .orderBy("direction")
      .execute();
    expect(refusedStart).toEqual([
      { type: "JW305", status: "afgekeurd", direction: "in" },
      { type: "JW306", status: "klaar", direction: "uit" },
    ]);

    // The right date: recorded, and the table shows it.
    await page.getByLabel("Begindatum").fill("10-03-2026");
    await page.getByRole("button", { name: "Start melden" }).click();
    await page.getByText(`De start van toewijzing ${mine!.number} is vastgelegd.`).waitFor();
    await expect.poll(() => row.locator(".ww-delivery").innerText(), WAIT).toBe("start 10 maart 2026");
    expect(await page.locator("#melding-begindatum-fout").count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await screenshot(page, "aanbieder-start-gemeld");

    // A second start while the first has no stop: 9326, in Dutch, at the field.
    await page.getByLabel("Begindatum").fill("11-03-2026");
    await page.getByRole("button", { name: "Start melden" }).click();
    await page.locator("#melding-begindatum-fout").waitFor();
    expect(await page.locator("#melding-begindatum-fout").innerText()).toContain("(retourcode 9326)");
    expect(await page.locator("#melding-begindatum-fout").innerText()).toContain(
      "Er is al een start die nog niet gestopt is.",
    );

    // A stop with the reason from the code list.
    await page.getByLabel("Stop van de zorg").check();
    await page.getByLabel("Begindatum").fill("10-03-2026");
    await page.getByLabel("Einddatum").fill("11-03-2026");
    await page.getByLabel("Reden van de stop").selectOption("34");
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Stop melden" }).click();
    await page.getByText(`De stop van toewijzing ${mine!.number} is vastgelegd.`).waitFor();
    await expect
      .poll(() => row.locator(".ww-delivery").innerText(), WAIT)
      .toBe("start 10 maart 2026; stop 11 maart 2026 (Voortijdig afgesloten: in overeenstemming)");
    expect(await axeViolations(page)).toEqual([]);

    const recorded = await deliveries();
    expect(recorded.map((r) => [r.kind, r.begin_date, r.end_date, r.reason, r.type])).toEqual([
      ["start", "2026-03-10", null, null, "JW305"],
      ["stop", "2026-03-10", "2026-03-11", "34", "JW307"],
    ]);

    expect(browser.cspViolations).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  },
);
