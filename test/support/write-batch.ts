import { parseArgs } from "node:util";
import { addDays, format, parseISO } from "date-fns";
import { testBsns } from "../../src/domain/bsn.ts";
import { compileRegion } from "../../src/rules/engine.ts";
import { loadRegion } from "../../src/rules/load.ts";
import { openStore } from "../../src/store/database.ts";
import { addProvider, createAllocation, registerClient } from "../../src/store/registry.ts";
import { childStoreOptions, runAsChild, say, STORE_ARGS } from "./child-batch.ts";

/**
 * A child process for the crash-safety test (test/registry-survives-sigkill.test.ts): writes a batch of
 * allocations for one client, one transaction each, and acknowledges every write on stdout only after
 * its commit returned:
 *
 *   READY <client id>
 *   ACK <i> <allocation number>      (one per write, i = from … count-1)
 *   DONE
 *
 *   node --import tsx test/support/write-batch.ts (--data-dir <folder> | --url <postgres://…>)
 *     [--count N] [--from i] [--stall-after i]
 *
 * --stall-after i plays a crash between a commit and its acknowledgement: write i is committed, then the
 * child prints `STALL <i> <number>` instead of its ACK and waits, without writing or closing anything,
 * until it is killed (or a minute has passed: then it exits with code 3, still without closing).
 *
 * Without --data-dir or --url the store comes from the environment (DATA_DIR, DATABASE_URL). The BSN key
 * comes from WEGWIJZER_BSN_KEY, the client's BSN (a 999 test number) from WEGWIJZER_BATCH_BSN. Every
 * write carries the idempotency key `batch-<i>`, so running the batch again with the same keys adds
 * nothing that is already there.
 */

export const BATCH_REGION = "hart-van-brabant";
export const BATCH_PROVIDER = "11223344";
export const BATCH_MUNICIPALITY = "0855";
export const BATCH_PRODUCT = "ggz-specialistisch";
export const BATCH_FIRST_START = "2026-03-09";
export const defaultBatchBsn = (): string => testBsns(1, 20260309)[0] ?? "";

/** The i-th write of the batch: consecutive, non-overlapping weeks (Monday to Sunday). */
export function batchItem(i: number) {
  const start = addDays(parseISO(BATCH_FIRST_START), 7 * i);
  return {
    idempotencyKey: `batch-${i}`,
    municipality: BATCH_MUNICIPALITY,
    segment: "4",
    product: BATCH_PRODUCT,
    providerAgb: BATCH_PROVIDER,
    startDate: format(start, "yyyy-MM-dd"),
    endDate: format(addDays(start, 6), "yyyy-MM-dd"),
    volume: 4,
    unit: "04",
    frequency: "6",
  };
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...STORE_ARGS,
      count: { type: "string", default: "40" },
      from: { type: "string", default: "0" },
      "stall-after": { type: "string" },
    },
    strict: true,
  });
  const count = Number(values.count);
  const from = Number(values.from);
  const stallAfter = values["stall-after"] === undefined ? undefined : Number(values["stall-after"]);
  if (!Number.isInteger(count) || !Number.isInteger(from) || from < 0 || count < from) {
    throw new Error("--count and --from must be whole numbers with 0 ≤ from ≤ count");
  }
  if (stallAfter !== undefined && !Number.isInteger(stallAfter)) {
    throw new Error("--stall-after must be a whole number");
  }
  const region = compileRegion(loadRegion(BATCH_REGION));
  const store = await openStore(childStoreOptions(values));
  await addProvider(store, {
    agb: BATCH_PROVIDER,
    name: "GGZ-aanbieder voor de batchtest (fictief)",
    contracts: [
      {
        regionId: BATCH_REGION,
        segment: "4",
        product: null,
        purchaseArea: "regio-1",
        validFrom: "2023-01-01",
        validTo: null,
      },
    ],
  });
  const client = await registerClient(store, {
    bsn: process.env.WEGWIJZER_BATCH_BSN ?? defaultBatchBsn(),
    municipality: BATCH_MUNICIPALITY,
  });
  await say(`READY ${client.id}`);
  for (let i = from; i < count; i++) {
    const { allocation } = await createAllocation(store, region, { clientId: client.id, ...batchItem(i) });
    if (i === stallAfter) {
      await say(`STALL ${i} ${allocation.number}`);
      // Stay alive with the store open until killed; give up after a minute should nobody come.
      setTimeout(() => process.exit(3), 60_000);
      return;
    }
    await say(`ACK ${i} ${allocation.number}`);
  }
  await store.close();
  await say("DONE");
}

runAsChild(import.meta.url, main);
