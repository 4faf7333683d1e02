import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { openStore } from "../../src/store/database.ts";
import { importMessage } from "../../src/store/ijw.ts";
import { childStoreOptions, runAsChild, say, STORE_ARGS } from "./child-batch.ts";
import { addGgzProvider, exchangeContext } from "./ijw.ts";

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

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { ...STORE_ARGS, dir: { type: "string" } },
    strict: true,
  });
  if (!values.dir) throw new Error("--dir <folder with the messages> is required");
  const files = readdirSync(values.dir)
    .filter((f) => f.endsWith(".xml"))
    .sort();
  const ctx = exchangeContext(IMPORT_TODAY);
  const store = await openStore(childStoreOptions(values));
  await addGgzProvider(store);
  await say("READY");
  for (const file of files) {
    const outcome = await importMessage(store, new Uint8Array(readFileSync(join(values.dir, file))), ctx);
    await say(`ACK ${file} ${outcome.status}`);
  }
  await store.close();
  await say("DONE");
}

runAsChild(import.meta.url, main);
