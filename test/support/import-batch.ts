import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { IsoDate } from "../../src/domain/dates.ts";
import { compiledRegionFor } from "../../src/rules/region-for.ts";
import { openStore, type StoreOptions, storeOptionsFromEnv } from "../../src/store/database.ts";
import { type ExchangeContext, importMessage } from "../../src/store/ijw.ts";
import { addProvider } from "../../src/store/registry.ts";
import { AGB } from "./ijw.ts";

/**
 * A child process for the crash-safety test of the iJw import (test/ijw-import-survives-sigkill.test.ts):
 * imports every *.xml file of a folder, in name order, one importMessage (one transaction) each, and
 * acknowledges each on stdout only after importMessage returned:
 *
 *   READY
 *   ACK <file name> <status>      (one per file)
 *   DONE
 *
 *   node --import tsx test/support/import-batch.ts (--data-dir <folder> | --url <postgres://…>) --dir <folder>
 *
 * Without --data-dir or --url the store comes from the environment (DATA_DIR, DATABASE_URL); the BSN key
 * from WEGWIJZER_BSN_KEY. The provider of the messages (AGB 12345678, contracted for HvB segment 4
 * ggz-specialistisch as iJw 54/54001) is registered first, as often as the batch starts.
 */

export const IMPORT_TODAY = "2026-03-02";
export const GGZ = { category: "54", code: "54001" } as const;

export const GGZ_PROVIDER = {
  agb: AGB,
  name: "GGZ-aanbieder (fictief)",
  contracts: [
    {
      regionId: "hart-van-brabant",
      segment: "4",
      product: "ggz-specialistisch",
      purchaseArea: null,
      validFrom: "2023-01-01",
      validTo: null,
      ijwCategory: GGZ.category,
      ijwCode: GGZ.code,
    },
  ],
};

/** The exchange context of the import tests (compiledRegionFor remembers its answers per process). */
export function cachedExchangeContext(today: IsoDate): ExchangeContext {
  return { today, regionFor: compiledRegionFor };
}

/** Writes a line and resolves once Node has handed it to the OS (the pipe), not merely buffered it. */
const say = (line: string) =>
  new Promise<void>((done, fail) =>
    process.stdout.write(`${line}\n`, (error) => (error ? fail(error) : done())),
  );

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { "data-dir": { type: "string" }, url: { type: "string" }, dir: { type: "string" } },
    strict: true,
  });
  if (!values.dir) throw new Error("--dir <folder with the messages> is required");
  const options: StoreOptions = values.url
    ? { url: values.url }
    : values["data-dir"]
      ? { dataDir: resolve(values["data-dir"]) }
      : storeOptionsFromEnv();
  if (process.env.WEGWIJZER_BSN_KEY) options.bsnKey = process.env.WEGWIJZER_BSN_KEY;
  const files = readdirSync(values.dir)
    .filter((f) => f.endsWith(".xml"))
    .sort();
  const ctx = cachedExchangeContext(IMPORT_TODAY);
  const store = await openStore(options);
  await addProvider(store, GGZ_PROVIDER);
  await say("READY");
  for (const file of files) {
    const outcome = await importMessage(store, new Uint8Array(readFileSync(join(values.dir, file))), ctx);
    await say(`ACK ${file} ${outcome.status}`);
  }
  await store.close();
  await say("DONE");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  });
}
