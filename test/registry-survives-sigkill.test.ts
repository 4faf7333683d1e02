import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type Selectable, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import type { Store } from "../src/store/database.ts";
import { findClientByBsn } from "../src/store/registry.ts";
import type { AllocationTable } from "../src/store/schema.ts";
import { BsnVault } from "../src/store/vault.ts";
import {
  childEnv,
  cleanUpBatches,
  close,
  exitOf,
  reopen,
  startChild,
  targetFor,
  waitFor,
} from "./support/child-batch.ts";
import { engines } from "./support/stores.ts";
import {
  BATCH_MUNICIPALITY,
  BATCH_PRODUCT,
  BATCH_PROVIDER,
  BATCH_REGION,
  batchItem,
  defaultBatchBsn,
} from "./support/write-batch.ts";

/**
 * Crash safety: a child process writes a batch of allocations and acknowledges each one after its
 * commit; the test kills it with SIGKILL in the middle (no clean close, no shutdown checkpoint), opens
 * the same PGlite folder or PostgreSQL database again and checks that every acknowledged write is there,
 * none is half there, and that running the batch again with the same idempotency keys adds nothing
 * twice.
 */

const COUNT = 60;
const KILL_AFTER = 15;
/** the write the second run commits and then "crashes" before acknowledging */
const STALL_AT = 40;
const ACK_TIMEOUT = 20_000;

afterEach(cleanUpBatches);

/**
 * The writer: `READY <client id>`, then `ACK <i> <allocation number>` per write (`order` keeps the order
 * of i), and with --stall-after `STALL <i> <number>`: write i committed, deliberately never acknowledged.
 */
function startBatch(target: string[], env: NodeJS.ProcessEnv, extra: string[] = []) {
  const state: {
    acks: Map<number, string>;
    order: number[];
    clientId?: string;
    stalled?: { i: number; number: string };
  } = { acks: new Map(), order: [] };
  return startChild(
    "test/support/write-batch.ts",
    [...target, "--count", String(COUNT), ...extra],
    env,
    state,
    (line, batch) => {
      const ack = /^ACK (\d+) (\S+)$/.exec(line);
      const stall = /^STALL (\d+) (\S+)$/.exec(line);
      if (ack) {
        batch.acks.set(Number(ack[1]), ack[2] ?? "");
        batch.order.push(Number(ack[1]));
      } else if (stall) batch.stalled = { i: Number(stall[1]), number: stall[2] ?? "" };
      else if (line.startsWith("READY ")) batch.clientId = line.slice("READY ".length);
      else return false;
      return true;
    },
  );
}

/** PGlite only: the cluster state in global/pg_control (1 = shut down cleanly, 6 = in production). */
function controlStateOf(dataDir: string | undefined): (() => number) | undefined {
  // ControlFileData: system_identifier (8 bytes), pg_control_version (4), catalog_version_no (4), state.
  return dataDir ? () => readFileSync(join(dataDir, "global", "pg_control")).readUInt32LE(16) : undefined;
}

type Row = Selectable<AllocationTable>;

async function allocations(store: Store): Promise<Row[]> {
  return store.db.selectFrom("allocation").selectAll().orderBy("number").execute();
}

const indexOfKey = (key: string): number => {
  const m = /^batch-(\d+)$/.exec(key);
  if (!m) throw new Error(`unexpected idempotency key ${key}`);
  return Number(m[1]);
};

/** Every column of a row as the batch wrote it: nothing missing, nothing from another write. */
function expectComplete(row: Row, clientId: string): void {
  const item = batchItem(indexOfKey(row.idempotency_key));
  expect(row).toMatchObject({
    client_id: clientId,
    referral_id: null,
    municipality: BATCH_MUNICIPALITY,
    region_id: BATCH_REGION,
    segment: "4",
    product: BATCH_PRODUCT,
    provider_agb: BATCH_PROVIDER,
    start_date: item.startDate,
    end_date: item.endDate,
    volume: item.volume,
    unit: item.unit,
    frequency: item.frequency,
    budget: null,
    status: "actief",
    end_reason: null,
    task_based: false,
  });
  expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(row.number).toMatch(/^T\d+$/);
  expect(row.created_at).toBeInstanceOf(Date);
}

/** The unique index on idempotency_key finds exactly the rows the table holds. */
async function expectIndexAgrees(store: Store, rows: Row[]): Promise<void> {
  const keys = rows.map((r) => r.idempotency_key);
  const viaIndex = await store.db.transaction().execute(async (tx) => {
    await sql`set local enable_seqscan = off`.execute(tx);
    await sql`set local enable_bitmapscan = off`.execute(tx);
    const plan = await sql<{ "QUERY PLAN": string }>`explain select idempotency_key from allocation
      where idempotency_key = any(${keys})`.execute(tx);
    expect(plan.rows.map((r) => r["QUERY PLAN"]).join("\n")).toMatch(/Index/);
    return tx
      .selectFrom("allocation")
      .select("idempotency_key")
      .where("idempotency_key", "=", sql<string>`any(${keys})`)
      .execute();
  });
  expect(viaIndex.map((r) => r.idempotency_key).sort()).toEqual([...keys].sort());
}

describe.each(engines)("the registry on %s after SIGKILL", (engine) => {
  it("keeps every acknowledged allocation, none half-written, and a restart with the same keys adds no duplicates", async () => {
    const bsnKey = BsnVault.newKey();
    const bsn = defaultBatchBsn();
    const target = await targetFor(engine, bsnKey, "wegwijzer-sigkill-");
    const controlState = controlStateOf(target.dataDir);
    const env = childEnv(bsnKey, { WEGWIJZER_BATCH_BSN: bsn });
    const leftInProduction = () => {
      // PGlite: the folder was not shut down, so opening it again has to run crash recovery.
      if (controlState) expect(controlState()).toBe(6);
    };

    // 1. Write, and kill the writer without warning once it has acknowledged KILL_AFTER writes (plus a
    //    few random milliseconds, so the kill lands anywhere in the next transaction, commit included).
    const first = startBatch(target.args, env);
    await waitFor(first, () => first.acks.size >= KILL_AFTER, ACK_TIMEOUT, `${KILL_AFTER} acknowledgements`);
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 25)));
    first.child.kill("SIGKILL");
    expect(await exitOf(first)).toEqual({ code: null, signal: "SIGKILL" });
    expect(first.done).toBe(false);
    expect(first.other).toEqual([]);
    const acked = first.acks;
    expect(acked.size).toBeLessThan(STALL_AT);
    expect(first.order).toEqual([...Array(acked.size).keys()]);
    leftInProduction();

    // 2. Open it again: every acknowledged write is there; at most the one in flight besides; all whole.
    let store = await reopen(target);
    const clientId = (await findClientByBsn(store, bsn))?.id;
    expect(clientId).toBeDefined();
    expect(clientId).toBe(first.clientId);
    const afterKill = await allocations(store);
    expect([acked.size, acked.size + 1]).toContain(afterKill.length);
    const byKey = new Map(afterKill.map((r) => [r.idempotency_key, r]));
    expect(byKey.size).toBe(afterKill.length);
    for (const [i, number] of acked) expect(byKey.get(`batch-${i}`)?.number).toBe(number);
    const inFlight = afterKill.length > acked.size ? byKey.get(`batch-${acked.size}`) : undefined;
    if (afterKill.length > acked.size) expect(inFlight).toBeDefined();
    for (const row of afterKill) expectComplete(row, clientId ?? "");
    expect(new Set(afterKill.map((r) => r.number)).size).toBe(afterKill.length);
    await expectIndexAgrees(store, afterKill);
    await close(store);
    if (controlState) expect(controlState()).toBe(1); // the test's own close shuts down cleanly
    console.info(
      `${engine}: killed after ${acked.size} acknowledged writes; ${afterKill.length} allocations found` +
        (inFlight ? ` (batch-${acked.size} had committed before its acknowledgement)` : ""),
    );

    // 3. Run the batch again from the start with the same keys: the same numbers for what was there; then
    //    commit write STALL_AT and die before acknowledging it.
    const second = startBatch(target.args, env, ["--stall-after", String(STALL_AT)]);
    await waitFor(second, () => second.stalled !== undefined, ACK_TIMEOUT, `the commit of batch-${STALL_AT}`);
    second.child.kill("SIGKILL");
    expect(await exitOf(second)).toEqual({ code: null, signal: "SIGKILL" });
    expect(second.other).toEqual([]);
    expect(second.clientId).toBe(clientId);
    expect(second.order).toEqual([...Array(STALL_AT).keys()]);
    for (const [i, number] of acked) expect(second.acks.get(i)).toBe(number);
    if (inFlight) expect(second.acks.get(acked.size)).toBe(inFlight.number);
    const unacknowledged = second.stalled;
    expect(unacknowledged?.i).toBe(STALL_AT);
    leftInProduction();

    // 4. And once more, to the end: the committed but unacknowledged write is found, not made again.
    const third = startBatch(target.args, env);
    await waitFor(third, () => third.done, ACK_TIMEOUT, "the end of the batch");
    expect(await exitOf(third)).toEqual({ code: 0, signal: null });
    expect(third.other).toEqual([]);
    expect(third.order).toEqual([...Array(COUNT).keys()]);
    for (const [i, number] of second.acks) expect(third.acks.get(i)).toBe(number);
    expect(third.acks.get(STALL_AT)).toBe(unacknowledged?.number);

    // 5. Exactly COUNT allocations, one per key, each whole, each number once.
    store = await reopen(target);
    const final = await allocations(store);
    expect(final).toHaveLength(COUNT);
    expect(final.map((r) => indexOfKey(r.idempotency_key)).sort((a, b) => a - b)).toEqual([
      ...Array(COUNT).keys(),
    ]);
    for (const row of final) expectComplete(row, clientId ?? "");
    expect(new Set(final.map((r) => r.number)).size).toBe(COUNT);
    for (const row of final) expect(third.acks.get(indexOfKey(row.idempotency_key))).toBe(row.number);
    await expectIndexAgrees(store, final);
    await close(store);
  }, 50_000);
});
