import { randomUUID } from "node:crypto";
import { addYears } from "date-fns";
import { sql } from "kysely";
import { expect } from "vitest";
import { testBsns } from "../../src/domain/bsn.ts";
import { toDate, today, toIso } from "../../src/domain/dates.ts";
import { providerHeader } from "../../src/ijw/build.ts";
import { writeMessage } from "../../src/ijw/codec.ts";
import type { Store } from "../../src/store/database.ts";
import { importMessage, markExported, pendingOutgoing } from "../../src/store/ijw.ts";
import {
  addProvider,
  createAllocation,
  createDecision,
  createFamily,
  createReferral,
  listAllocations,
  recordStart,
  recordStop,
  registerClient,
} from "../../src/store/registry.ts";
import { saveUser, type UserRecord } from "../../src/store/users.ts";
import {
  addGgzProvider,
  AGB,
  bytes,
  CONTRACT_TARIFF,
  exchangeContext,
  GEMEENTE,
  GGZ,
  votXml,
} from "./ijw.ts";
import { hvb, tilburgGgzCase } from "./registry.ts";

/**
 * A registry with four dossiers for the retention tests, built through the registry's and the iJw
 * exchange's own functions:
 *
 * - due: a jeugdhulp dossier in every table a dossier reaches (referral, decision, an allocation from a
 *   JW315 with its messages and request, a reported start and stop, a declaration, a break-glass access,
 *   a family of its own); care ended 31 December 2026, the stop reported 2 January 2027, so its term
 *   ends 2 January 2047;
 * - later: a jeugdhulp dossier whose care ends a year after 1 February 2027 (or today, if later);
 * - running: care in segment 1 without an end date;
 * - toegang: a referral only, in one family with `later`.
 */

export const CROSSROADS = "87654321";
export const [bsnDue = "", bsnLater = "", bsnRunning = "", bsnToegang = ""] = testBsns(4, 612);

/** The day the due dossier's term of 20 years has run (its last change: the stop reported 2 January 2027). */
export const DUE_DAY = "2047-01-02";

export interface RetentionWorld {
  due: string;
  later: string;
  running: string;
  toegang: string;
  dueFamily: string;
  sharedFamily: string;
  /** Two access-team employees of Tilburg, one of Breda, and a referrer (who may not destroy). */
  anna: UserRecord;
  bram: UserRecord;
  breda: UserRecord;
  verwijzer: UserRecord;
}

export async function addUsers(store: Store) {
  const toegang = (id: string, name: string, municipality = GEMEENTE) =>
    saveUser(store, {
      id,
      name,
      role: "toegang",
      organisation: `gemeente:${municipality}`,
      municipality,
    });
  return {
    anna: await toegang("anna", "Anna (Toegang Tilburg)"),
    bram: await toegang("bram", "Bram (Toegang Tilburg)"),
    breda: await toegang("carla", "Carla (Toegang Breda)", "0758"),
    verwijzer: await saveUser(store, {
      id: "huisarts",
      name: "Huisarts (fictief)",
      role: "verwijzer",
      organisation: "verwijzer:huisarts-de-linde",
    }),
  };
}

function declarationXml(bsn: string, nummer: number): string {
  const volume = 4;
  const amount = volume * CONTRACT_TARIFF;
  return writeMessage("JW323", {
    Header: providerHeader(
      "JW323",
      { gemeente: GEMEENTE, agb: AGB },
      { identificatie: "DEC-1", dagtekening: "2026-04-03" },
    ),
    Declaratie: {
      DeclaratieNummer: "D1",
      DeclaratiePeriode: { Begindatum: "2026-03-01", Einddatum: "2026-03-31" },
      DeclaratieDagtekening: "2026-04-03",
      TotaalIngediendBedrag: { TotaalBedrag: amount, DebetCredit: "D" },
      Clienten: {
        Client: [
          {
            Bsn: bsn,
            Prestaties: {
              Prestatie: [
                {
                  ProductReferentie: { ReferentieNummer: "P1" },
                  ToewijzingNummer: nummer,
                  ProductCategorie: GGZ.category,
                  ProductCode: GGZ.code,
                  ProductPeriode: { Begindatum: "2026-03-09", Einddatum: "2026-03-31" },
                  GeleverdVolume: volume,
                  Eenheid: "04",
                  ProductTarief: CONTRACT_TARIFF,
                  IngediendBedrag: { Bedrag: amount, DebetCredit: "D" },
                },
              ],
            },
          },
        ],
      },
    },
  });
}

async function exportAll(store: Store): Promise<void> {
  await markExported(
    store,
    (await pendingOutgoing(store)).map((m) => m.id),
  );
}

export async function buildRetentionWorld(store: Store): Promise<RetentionWorld> {
  await addGgzProvider(store);
  await addProvider(store, {
    agb: CROSSROADS,
    name: "Crossroads (fictief AGB)",
    contracts: [
      {
        regionId: "hart-van-brabant",
        segment: "1",
        product: null,
        purchaseArea: null,
        validFrom: "2023-01-01",
        validTo: null,
      },
    ],
  });
  const users = await addUsers(store);

  // The due dossier, in every table.
  const { referral } = await createReferral(store, hvb, {
    bsn: bsnDue,
    facts: tilburgGgzCase,
    idempotencyKey: "ret-due-referral",
  });
  await createDecision(store, hvb, {
    referralId: referral.id,
    decidedOn: "2026-03-02",
    segments: ["4"],
    validFrom: "2026-03-09",
    validTo: "2026-12-31",
    decidedBy: "anna",
    idempotencyKey: "ret-due-decision",
  });
  const vot = votXml({
    identificatie: "VOT-1",
    dagtekening: "2026-03-02",
    bsn: bsnDue,
    products: [
      {
        ref: "REF-1",
        ...GGZ,
        start: "2026-03-09",
        end: "2026-12-31",
        omvang: { Volume: 2, Eenheid: "04", Frequentie: "2" },
      },
    ],
  });
  const allocated = await importMessage(store, bytes(vot), exchangeContext("2026-03-02"));
  expect(allocated.status).toBe("verwerkt");
  await exportAll(store);
  const [allocation] = await listAllocations(store, { clientId: referral.clientId });
  if (!allocation) throw new Error("geen toewijzing uit de JW315");
  await recordStart(store, { number: allocation.number, startedOn: "2026-03-09", reportedOn: "2026-03-10" });
  const declared = await importMessage(
    store,
    bytes(declarationXml(bsnDue, Number(allocation.number.slice(1)))),
    exchangeContext("2026-04-06"),
  );
  expect(declared.status).toBe("verwerkt");
  await exportAll(store);
  await recordStop(store, {
    number: allocation.number,
    stoppedOn: "2026-12-31",
    reportedOn: "2027-01-02",
    reason: "zorg afgerond",
  });
  await store.db
    .insertInto("break_glass")
    .values({
      id: randomUUID(),
      user_id: "bram",
      client_id: referral.clientId,
      reason: "crisis in de nacht, dossier nodig",
      started_at: new Date("2026-05-01T22:00:00Z"),
      ends_at: new Date("2026-05-02T02:00:00Z"),
    })
    .execute();
  const dueFamily = await createFamily(store, {
    municipality: GEMEENTE,
    bsns: [bsnDue],
    idempotencyKey: "ret-family-due",
  });

  // Not yet due: care ends later than the due dossier's last change, whatever day the test runs.
  const later = await registerClient(store, { bsn: bsnLater, municipality: GEMEENTE });
  const start = today() > "2027-02-01" ? today() : "2027-02-01";
  await createAllocation(store, hvb, {
    clientId: later.id,
    municipality: GEMEENTE,
    segment: "4",
    product: "ggz-specialistisch",
    providerAgb: AGB,
    startDate: start,
    endDate: toIso(addYears(toDate(start), 1)),
    volume: 40,
    unit: "04",
    frequency: "6",
    idempotencyKey: "ret-later",
  });

  // Running care: segment 1 has no end date.
  const running = await registerClient(store, { bsn: bsnRunning, municipality: GEMEENTE });
  await createAllocation(store, hvb, {
    clientId: running.id,
    municipality: GEMEENTE,
    segment: "1",
    product: "lta-transforensisch",
    providerAgb: CROSSROADS,
    startDate: "2026-03-09",
    idempotencyKey: "ret-running",
  });

  // A referral only: a dossier of the access team.
  const toegang = await createReferral(store, hvb, {
    bsn: bsnToegang,
    facts: tilburgGgzCase,
    idempotencyKey: "ret-toegang-referral",
  });
  const sharedFamily = await createFamily(store, {
    municipality: GEMEENTE,
    bsns: [bsnToegang, bsnLater],
    idempotencyKey: "ret-family-shared",
  });

  return {
    due: referral.clientId,
    later: later.id,
    running: running.id,
    toegang: toegang.referral.clientId,
    dueFamily: dueFamily.id,
    sharedFamily: sharedFamily.id,
    ...users,
  };
}

/** The tables that hold a client's rows. */
export const CLIENT_TABLES = [
  "client",
  "referral",
  "decision",
  "allocation",
  "delivery_report",
  "ijw_request",
  "ijw_message",
  "break_glass",
  "declaration_line",
] as const;

/** Rows per table that belong to a client. */
export async function rowsOf(store: Store, clientId: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of CLIENT_TABLES) {
    const where = table === "client" ? sql`id = ${clientId}` : sql`client_id = ${clientId}`;
    const q = sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)} where ${where}`;
    counts[table] = (await q.execute(store.db)).rows[0]?.n ?? -1;
  }
  return counts;
}

/** Rows per table in the whole database (every table of the public schema), for "nothing else changed". */
export async function rowsPerTable(store: Store): Promise<Record<string, number>> {
  const tables = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not like 'kysely_%'
     order by table_name`.execute(store.db);
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    counts[name] = (
      await sql<{ n: number }>`select count(*)::int as n from ${sql.table(name)}`.execute(store.db)
    ).rows[0]!.n;
  }
  return counts;
}

/** The whole content of a table as text, for "these rows are untouched". */
export async function dump(store: Store, table: string, where = "true"): Promise<string> {
  const rows = await sql`select * from ${sql.table(table)} where ${sql.raw(where)} order by 1`.execute(
    store.db,
  );
  return JSON.stringify(rows.rows);
}
