import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import type { Actor } from "../src/registry/access.ts";
import { appendAudit, type AuditRecord, verifyAudit } from "../src/store/audit.ts";
import { openStore, type Store, storeOptionsFromEnv } from "../src/store/database.ts";
import { captureCli } from "./support/capture.ts";
import { addGgzProvider, GGZ, votXml } from "./support/ijw.ts";

/** The audit trail from the command line: the chain's check and the two NEN 7513 views, on PGlite. */

let dir: string;
const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
const [bsn = ""] = testBsns(1, 7513);
const TOEGANG: Actor = {
  userId: "m.medewerker",
  name: "Medewerker Toegang",
  role: "toegang",
  organisation: "gemeente:0855",
  municipality: "0855",
};
/** Today in the Netherlands, as the views read --van and --tot. */
const dutchDay = (offsetDays = 0) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam" }).format(
    new Date(Date.now() + offsetDays * 86_400_000),
  );

/** The CLI opens the PGlite folder itself, so the test holds it only between commands. */
async function withOwnStore<T>(fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(storeOptionsFromEnv());
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "wegwijzer-cli-audit-"));
  process.env.DATA_DIR = dir;
  delete process.env.DATABASE_URL;
  writeFileSync(
    join(dir, "vot.xml"),
    votXml({
      identificatie: "CLI-AUD-1",
      dagtekening: "2026-03-02",
      bsn,
      products: [
        {
          ref: "CLI-AUD-REF-1",
          ...GGZ,
          start: "2026-03-09",
          end: "2026-12-31",
          omvang: { Volume: 2, Eenheid: "04", Frequentie: "2" },
        },
      ],
    }),
  );
});
afterAll(() => {
  process.env.DATA_DIR = saved.DATA_DIR;
  if (saved.DATABASE_URL) process.env.DATABASE_URL = saved.DATABASE_URL;
  if (saved.DATA_DIR === undefined) delete process.env.DATA_DIR;
  rmSync(dir, { recursive: true, force: true });
});
const { io, cli, text, errors, json } = captureCli();

describe("the audit trail from the command line", { timeout: 120_000 }, () => {
  let clientId: string;

  it("an import from the command line is recorded as the system; a person's reads under their name", async () => {
    await withOwnStore((store) => addGgzProvider(store));
    expect(await cli("ijw", "import", join(dir, "vot.xml"), "--today", "2026-03-02")).toBe(0);
    clientId = await withOwnStore(async (store) => {
      const client = await store.db
        .selectFrom("client")
        .select("id")
        .where("bsn_hmac", "=", store.vault.lookupHash(bsn))
        .executeTakeFirstOrThrow();
      await appendAudit(store.db, [
        {
          actor: TOEGANG,
          action: "lezen",
          resource: "client",
          resourceId: client.id,
          clientId: client.id,
          purpose: "toegang",
          outcome: "ok",
        },
        {
          actor: TOEGANG,
          action: "noodtoegang",
          resource: "client",
          resourceId: client.id,
          clientId: client.id,
          purpose: "noodtoegang",
          reason: "Crisis in het gezin, de jeugdarts belt nu",
          outcome: "ok",
        },
      ]);
      return client.id;
    });
  });

  it("audit verifieer: in order, with the number checked and the head hash", async () => {
    io.out = [];
    expect(await cli("audit", "verifieer")).toBe(0);
    const { head, checked } = await withOwnStore((store) => verifyAudit(store.db));
    expect(checked).toBe(5); // the VOT in, its JW316 and JW301 out, and the two reads
    expect(text()).toContain(`Het logboek is in orde: ${checked} regel(s) gecontroleerd.`);
    expect(text()).toContain(`Laatste hash: ${head}`);
    io.out = [];
    expect(await cli("audit", "verifieer", "--json")).toBe(0);
    expect(json()).toEqual({ ok: true, checked, head });
  });

  it("audit client: chronological, readable lines with who, role, organisation, action, what, purpose, outcome and reason", async () => {
    io.out = [];
    expect(await cli("audit", "client", clientId)).toBe(0);
    const out = text();
    expect(out).toContain(`Logboek voor cliënt ${clientId}: 5 regel(s), oudste eerst.`);
    expect(out).toContain("wie: het systeem (geen medewerker)");
    expect(out).toContain("handeling: bericht ontvangen\n  wat: iJw-bericht");
    expect(out).toContain("(type JW315, identificatie CLI-AUD-1, status verwerkt, afzender 12345678)");
    expect(out).toContain("handeling: bericht klaargezet om te versturen\n  wat: iJw-bericht");
    expect(out).toContain("doel: Berichtenverkeer iJw met jeugdhulpaanbieders (Jeugdwet art. 7.4.0)");
    expect(out).toContain(
      "  wie: Medewerker Toegang (gebruiker m.medewerker)\n  rol: medewerker Toegang van een gemeente\n  organisatie: gemeente:0855",
    );
    expect(out).toContain(`handeling: bekeken\n  wat: cliënt ${clientId}`);
    expect(out).toContain("handeling: noodtoegang gebruikt");
    expect(out).toContain("reden: Crisis in het gezin, de jeugdarts belt nu");
    expect(out).toContain("uitkomst: gelukt");
    // Oldest first: the message in before the reads.
    expect(out.indexOf("bericht ontvangen")).toBeLessThan(out.indexOf("bekeken"));
    expect(out.indexOf("bekeken")).toBeLessThan(out.indexOf("noodtoegang gebruikt"));
    // The client's own view never shows the BSN, nor names the client on every line.
    expect(out).not.toContain(bsn);
    expect(out).not.toContain("cliënt: ");

    io.out = [];
    expect(await cli("audit", "client", clientId, "--json")).toBe(0);
    const records = json() as AuditRecord[];
    expect(records.map((r) => r.action)).toEqual([
      "bericht-in",
      "bericht-uit",
      "bericht-uit",
      "lezen",
      "noodtoegang",
    ]);
    expect(new Set(records.map((r) => r.clientId))).toEqual(new Set([clientId]));
  });

  // Two days' margin where a test run may cross midnight.
  it("--van and --tot choose whole Dutch days, --tot included", async () => {
    io.out = [];
    expect(await cli("audit", "client", clientId, "--van", dutchDay(-1), "--tot", dutchDay(), "--json")).toBe(
      0,
    );
    expect(json()).toHaveLength(5);
    io.out = [];
    expect(await cli("audit", "client", clientId, "--tot", dutchDay(-2))).toBe(0);
    expect(text()).toContain(
      `Geen regels in het logboek voor cliënt ${clientId} tot en met ${dutchDay(-2)}.`,
    );
    io.out = [];
    expect(await cli("audit", "client", clientId, "--van", dutchDay(2), "--json")).toBe(0);
    expect(json()).toEqual([]);
  });

  it("audit medewerker: what one employee did, with the client on each line", async () => {
    io.out = [];
    expect(await cli("audit", "medewerker", "m.medewerker")).toBe(0);
    const out = text();
    expect(out).toContain("Logboek voor medewerker m.medewerker: 2 regel(s), oudste eerst.");
    expect(out).toContain(`cliënt: ${clientId}`);
    expect(out).toContain("doel: Noodtoegang: directe hulp buiten de gewone toegang");
    expect(out).not.toContain("het systeem");
    io.out = [];
    expect(await cli("audit", "medewerker", "m.medewerker", "--json")).toBe(0);
    expect((json() as AuditRecord[]).map((r) => [r.action, r.actorId])).toEqual([
      ["lezen", "m.medewerker"],
      ["noodtoegang", "m.medewerker"],
    ]);
    io.out = [];
    expect(await cli("audit", "medewerker", "niemand")).toBe(0);
    expect(text()).toBe("Geen regels in het logboek voor medewerker niemand.");
  });

  it("refuses a BSN or other non-id as client, a period that ends before it starts, and a malformed hash", async () => {
    expect(await cli("audit", "client", bsn)).toBe(2);
    expect(errors()).toContain("Dit is geen cliëntnummer uit het register");
    expect(errors()).not.toContain(bsn);
    io.err = [];
    expect(await cli("audit", "client", clientId, "--van", "2026-03-02", "--tot", "2026-03-01")).toBe(2);
    expect(errors()).toContain("--tot (2026-03-01) ligt vóór --van (2026-03-02)");
    expect(await cli("audit", "medewerker", "m.medewerker", "--van", "2026-02-30")).toBe(2);
    expect(await cli("audit", "verifieer", "--bewaarde-hash", "abc")).toBe(2);
  });

  it("the last records removed: the chain alone is whole, the head kept elsewhere shows it (exit 1)", async () => {
    const { head } = await withOwnStore((store) => verifyAudit(store.db));
    await withOwnStore(async (store) => {
      await sql`alter table audit_event disable trigger user`.execute(store.db);
      await sql`delete from audit_event where seq = (select max(seq) from audit_event)`.execute(store.db);
      await sql`alter table audit_event enable trigger user`.execute(store.db);
    });
    io.out = [];
    expect(await cli("audit", "verifieer")).toBe(0);
    expect(text()).toContain("4 regel(s) gecontroleerd");
    io.out = [];
    expect(await cli("audit", "verifieer", "--bewaarde-hash", head)).toBe(1);
    expect(text()).toMatch(/NIET in orde bij regel 4: de bewaarde hash staat niet meer in het logboek/);
  });

  it("audit verifieer on a changed record: exit 1, naming the record and the reason", async () => {
    await withOwnStore(async (store) => {
      await sql`alter table audit_event disable trigger user`.execute(store.db);
      await sql`update audit_event set outcome = 'geweigerd' where seq = 2`.execute(store.db);
      await sql`alter table audit_event enable trigger user`.execute(store.db);
    });
    io.out = [];
    expect(await cli("audit", "verifieer")).toBe(1);
    expect(text()).toContain(
      "Het logboek is NIET in orde bij regel 2: de inhoud van deze regel is gewijzigd na het schrijven.",
    );
    expect(text()).toContain("De 1 regel(s) daarvoor zijn in orde");
    io.out = [];
    expect(await cli("audit", "verifieer", "--json")).toBe(1);
    expect(json()).toMatchObject({ ok: false, checked: 1, broken: { seq: 2 } });
  });
});
