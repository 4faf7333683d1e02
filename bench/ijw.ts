import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser } from "fast-xml-parser";
import { testBsns } from "../src/domain/bsn.ts";
import { providerHeader } from "../src/ijw/build.ts";
import { writeMessage } from "../src/ijw/codec.ts";
import type { Berichten } from "../src/ijw/messages.generated.ts";
import { openStore, type Store } from "../src/store/database.ts";
import { type ExchangeContext, importMessage, toewijzingNummer } from "../src/store/ijw.ts";
import { BsnVault } from "../src/store/vault.ts";
import {
  addGgzProvider,
  AGB,
  CONTRACT_TARIFF,
  exchangeContext,
  GEMEENTE,
  GGZ,
  votXml,
} from "../test/support/ijw.ts";
import { createBenchDatabase, onCleanUp, postgresAnswers } from "./cleanup.ts";
import type { BenchOptions, Row } from "./table.ts";

/**
 * Item 2: iJw messages per second through the real import path (`importMessage`, as `ijw import` runs
 * it: read, XSD validation, message rules, the rules across messages and the registry writes with the
 * outgoing messages, one transaction per message), one message at a time, against the raw XML parse of
 * the same bytes with fast-xml-parser (the limit: what reading alone costs). Two message kinds, each
 * valid and answered the normal way: JW315 requests for allocation (⇒ JW316 retour, allocation, JW301)
 * and JW323 declarations against those allocations (⇒ JW325). On PGlite (a data folder, as `npm start`
 * runs it) and on PostgreSQL (a database of the bench's own, dropped afterwards).
 */

const REQUEST_DAY = "2026-03-02";
const DECLARATION_DAY = "2026-04-06";
const HOURS_PER_MONTH = 6;

interface Counts {
  /** Messages imported before timing: the first compiles the region model and warms the JIT. */
  warmUp: number;
  timed: number;
  /** The raw parse runs over the messages until at least this long. */
  parseMs: number;
}

const countsFor = (quick: boolean): Counts =>
  quick ? { warmUp: 2, timed: 6, parseMs: 100 } : { warmUp: 20, timed: 300, parseMs: 3000 };

/** One request per client (distinct test BSNs), for 2 hours a week of GGZ from 9 March 2026. */
function requests(bsns: string[]): Uint8Array[] {
  return bsns.map((bsn, i) =>
    Buffer.from(
      votXml({
        identificatie: `BV${i}`,
        dagtekening: REQUEST_DAY,
        bsn,
        products: [
          {
            ref: `BR${i}`,
            ...GGZ,
            start: "2026-03-09",
            end: "2026-12-31",
            omvang: { Volume: 2, Eenheid: "04", Frequentie: "2" },
          },
        ],
      }),
    ),
  );
}

/** One declaration per client for March 2026: six hours at the contract tariff on its allocation. */
function declarations(bsns: string[], allocationOf: (i: number) => number): Uint8Array[] {
  return bsns.map((bsn, i) => {
    const amount = HOURS_PER_MONTH * CONTRACT_TARIFF;
    const bericht: Berichten["JW323"] = {
      Header: providerHeader(
        "JW323",
        { gemeente: GEMEENTE, agb: AGB },
        { identificatie: `BD${i}`, dagtekening: "2026-04-03" },
      ),
      Declaratie: {
        DeclaratieNummer: `BN${i}`,
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
                    ProductReferentie: { ReferentieNummer: `BP${i}` },
                    ToewijzingNummer: allocationOf(i),
                    ProductCategorie: GGZ.category,
                    ProductCode: GGZ.code,
                    ProductPeriode: { Begindatum: "2026-03-09", Einddatum: "2026-03-31" },
                    GeleverdVolume: HOURS_PER_MONTH,
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
    };
    return Buffer.from(writeMessage("JW323", bericht));
  });
}

/**
 * Imports the messages one by one and returns the timed rate. Every message must come out "verwerkt":
 * a refused message is cheaper than a processed one and would flatter the figure.
 */
async function importRate(
  store: Store,
  messages: Uint8Array[],
  ctx: ExchangeContext,
  warmUp: number,
): Promise<number> {
  const run = async (batch: Uint8Array[]) => {
    for (const bytes of batch) {
      const outcome = await importMessage(store, bytes, ctx);
      if (outcome.status !== "verwerkt")
        throw new Error(
          `bench message ${outcome.identificatie ?? "?"}: ${outcome.status}: ${outcome.reasons[0]}`,
        );
    }
  };
  await run(messages.slice(0, warmUp));
  const timed = messages.slice(warmUp);
  const start = performance.now();
  await run(timed);
  return timed.length / ((performance.now() - start) / 1000);
}

/** The limit: fast-xml-parser over the same bytes (decode + parse), repeated for at least `minMs`. */
function parseRate(messages: Uint8Array[], minMs: number): number {
  const parser = new XMLParser({ ignoreAttributes: false });
  const decoder = new TextDecoder();
  const pass = () => {
    let size = 0;
    for (const bytes of messages) size += Object.keys(parser.parse(decoder.decode(bytes))).length;
    return size;
  };
  pass(); // warm-up
  let parsed = 0;
  let sink = 0;
  const start = performance.now();
  while (performance.now() - start < minMs || parsed === 0) {
    sink += pass();
    parsed += messages.length;
  }
  const seconds = (performance.now() - start) / 1000;
  if (sink === 0) throw new Error("the parser returned nothing");
  return parsed / seconds;
}

interface EngineRates {
  requests: number;
  declarations: number;
  /** The declarations as imported (their allocation numbers come from this store). */
  declarationBytes: Uint8Array[];
}

/** Requests first, then declarations on the allocations they made, into a fresh store. */
async function measureEngine(
  store: Store,
  bsns: string[],
  vots: Uint8Array[],
  counts: Counts,
  log: (line: string) => void,
): Promise<EngineRates> {
  await addGgzProvider(store);
  log("ijw: store open, importing");
  const requestRate = await importRate(store, vots, exchangeContext(REQUEST_DAY), counts.warmUp);
  const rows = await store.db.selectFrom("allocation").select(["number", "referentie_aanbieder"]).execute();
  const numberOf = new Map(rows.map((r) => [r.referentie_aanbieder, toewijzingNummer(r.number)]));
  const decs = declarations(bsns, (i) => {
    const n = numberOf.get(`BR${i}`);
    if (n === undefined) throw new Error(`no allocation for BR${i}`);
    return n;
  });
  const declarationRate = await importRate(store, decs, exchangeContext(DECLARATION_DAY), counts.warmUp);
  return { requests: requestRate, declarations: declarationRate, declarationBytes: decs };
}

export async function ijwRows(options: BenchOptions): Promise<Row[]> {
  const counts = countsFor(options.quick);
  const bsns = testBsns(counts.warmUp + counts.timed, 909);
  const vots = requests(bsns);
  const parse = { requests: 0, declarations: 0 };

  const rows: Row[] = [];
  const basis = `${counts.timed} msgs one at a time after ${counts.warmUp} warm-up; parse ≥ ${counts.parseMs} ms`;
  const addRows = (engine: string, label: string, rates: EngineRates) => {
    rows.push(
      {
        part: "ijw",
        id: `ijw.jw315.${engine}`,
        measure: `iJw import JW315 → JW316 + allocation + JW301, ${label}`,
        ours: { value: rates.requests, unit: "msg/s" },
        peer: "fast-xml-parser parse of the same bytes (limit)",
        peerFigure: { value: parse.requests, unit: "msg/s" },
        better: "higher",
        basis,
      },
      {
        part: "ijw",
        id: `ijw.jw323.${engine}`,
        measure: `iJw import JW323 → JW325 + declaration lines, ${label}`,
        ours: { value: rates.declarations, unit: "msg/s" },
        peer: "fast-xml-parser parse of the same bytes (limit)",
        peerFigure: { value: parse.declarations, unit: "msg/s" },
        better: "higher",
        basis,
      },
    );
  };

  // PGlite with a data folder, as `npm start` runs it (fsync off: see docs/development.md). --quick uses
  // one in memory: creating a data folder takes seconds that a smoke test does not need to spend.
  const folder = options.quick ? undefined : mkdtempSync(join(tmpdir(), "wegwijzer-bench-pglite-"));
  const pgliteLabel = folder ? "PGlite (data folder)" : "PGlite (in memory, --quick)";
  options.log(`ijw: opening ${pgliteLabel}`);
  const removeFolder = onCleanUp(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
  });
  try {
    const store = await openStore({ dataDir: folder ?? "memory://", bsnKey: BsnVault.newKey() });
    const close = onCleanUp(() => store.close());
    try {
      const rates = await measureEngine(store, bsns, vots, counts, options.log);
      // The limit, on the bytes just imported (the PostgreSQL run's declarations differ at most in the
      // allocation numbers both fresh stores hand out alike).
      parse.requests = parseRate(vots.slice(counts.warmUp), counts.parseMs);
      parse.declarations = parseRate(rates.declarationBytes.slice(counts.warmUp), counts.parseMs);
      options.log(
        `ijw: raw parse ${Math.round(parse.requests)} JW315/s, ${Math.round(parse.declarations)} JW323/s`,
      );
      options.log(
        `ijw: PGlite ${Math.round(rates.requests)} JW315/s, ${Math.round(rates.declarations)} JW323/s`,
      );
      addRows("pglite", pgliteLabel, rates);
    } finally {
      await close();
    }
  } finally {
    await removeFolder();
  }

  if (!(await postgresAnswers())) {
    options.log("ijw: no PostgreSQL server answers (WEGWIJZER_TEST_PG_URL): its rows are left out");
    return rows;
  }
  options.log("ijw: PostgreSQL: creating a database");
  const database = await createBenchDatabase();
  try {
    const store = await openStore({ url: database.url, bsnKey: BsnVault.newKey() });
    const close = onCleanUp(() => store.close());
    try {
      const rates = await measureEngine(store, bsns, vots, counts, options.log);
      options.log(
        `ijw: PostgreSQL ${Math.round(rates.requests)} JW315/s, ${Math.round(rates.declarations)} JW323/s`,
      );
      addRows("postgres", "PostgreSQL", rates);
    } finally {
      await close();
    }
  } finally {
    await database.drop();
  }
  return rows;
}
