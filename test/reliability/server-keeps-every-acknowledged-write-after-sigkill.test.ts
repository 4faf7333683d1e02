import { afterEach, describe, expect, it } from "vitest";
import { testBsns } from "../../src/domain/bsn.ts";
import { verifyAudit } from "../../src/store/audit.ts";
import { registerClient } from "../../src/store/registry.ts";
import { BsnVault } from "../../src/store/vault.ts";
import { cleanUpBatches, close, exitOf, reopen, targetFor } from "../support/child-batch.ts";
import { engines } from "../support/stores.ts";
import { BATCH_MUNICIPALITY, batchItem } from "../support/write-batch.ts";
import { call, startServerProcess, type WebSession } from "./support/server-process.ts";
import { addBatchProvider, allocationsOf, prepareToegang } from "./support/world.ts";

/**
 * Crash safety of the web API (issue 9). The CLI import and the registry's own writes are covered by
 * test/ijw-import-survives-sigkill.test.ts and test/registry-survives-sigkill.test.ts; this one goes
 * through HTTP: a signed-in Toegang user (session cookie + CSRF token) sends a burst of allocations
 * (POST /toewijzingen, one idempotency key each, several in flight at a time) to a real server process,
 * which is SIGKILLed after some have been acknowledged (201 received). Then, on the same PGlite folder or
 * PostgreSQL database:
 *
 * - every acknowledged allocation is there, with the number the client was given, exactly once;
 * - whatever else is there was sent (a request in flight may have committed before its answer was lost);
 * - nothing is half-written: each allocation has exactly one creation record in the audit trail (they
 *   share a transaction) and the hash chain is whole;
 * - after a restart, sending every write again with the same key has exactly one effect: 200 and the same
 *   number for what was there, 201 for what was not, and in the end one allocation per key.
 */

const N = 40;
const KILL_AFTER = 12;
/** requests in flight at once, so the kill lands among several */
const IN_FLIGHT = 6;

afterEach(cleanUpBatches);

/** The i-th write as the API takes it: the batch's week i for the client, key batch-<i>. */
const body = (clientId: string, i: number) => ({ clientId, ...batchItem(i) });
/** How the store keys a write of demo-toegang (records.ts prefixes the user id). */
const storedKey = (i: number) => `demo-toegang:batch-${i}`;

interface Burst {
  acked: Map<number, string>;
  sent: Set<number>;
  lost: number[];
  unexpected: string[];
}

/** Sends writes 0…N-1, IN_FLIGHT at a time, until `stop()`; records what was answered and what was lost. */
async function burst(
  address: string,
  session: WebSession,
  clientId: string,
  afterAck: (b: Burst) => void,
): Promise<Burst> {
  const b: Burst = { acked: new Map(), sent: new Set(), lost: [], unexpected: [] };
  let next = 0;
  let connectionLost = false;
  const worker = async () => {
    while (next < N && !connectionLost) {
      const i = next++;
      b.sent.add(i);
      try {
        const res = await call(address, session, "POST", "/toewijzingen", body(clientId, i));
        const number = (res.json as { toewijzing?: { number?: string } }).toewijzing?.number;
        if (res.status === 201 && number) {
          b.acked.set(i, number);
          afterAck(b);
        } else b.unexpected.push(`${i}: ${res.status} ${JSON.stringify(res.json)}`);
      } catch {
        // The connection died with the server: this write is unacknowledged.
        b.lost.push(i);
        connectionLost = true;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return b;
}

describe.each(engines)("the server on %s, SIGKILLed during a burst of web writes", (engine) => {
  it("keeps every acknowledged allocation exactly once and whole, and a retry of each write has one effect", async () => {
    const bsnKey = BsnVault.newKey();
    const target = await targetFor(engine, bsnKey, "wegwijzer-web-sigkill-");
    let store = await reopen(target);
    await addBatchProvider(store);
    const [bsn] = testBsns(1, 20261207);
    const client = await registerClient(store, { bsn: bsn ?? "", municipality: BATCH_MUNICIPALITY });
    const signIn = await prepareToegang(engine, store);
    await close(store);

    // 1. The burst, and SIGKILL 0–100 ms after the KILL_AFTER-th acknowledgement (a write takes about
    //    that long, so the kill lands anywhere in the ones in flight, their commits included).
    const first = await startServerProcess(target, bsnKey);
    const session = await signIn(first.address);
    let killing = false;
    const b = await burst(first.address, session, client.id, (state) => {
      if (killing || state.acked.size < KILL_AFTER) return;
      killing = true;
      setTimeout(() => first.child.kill("SIGKILL"), Math.floor(Math.random() * 100));
    });
    expect(await exitOf(first)).toEqual({ code: null, signal: "SIGKILL" });
    expect(b.unexpected).toEqual([]);
    expect(first.errors).toEqual([]);
    expect(b.acked.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(b.acked.size).toBeLessThan(N);

    // 2. The same data, opened again: every acknowledged write there once, the rest sent, all whole.
    store = await reopen(target);
    const afterKill = await allocationsOf(store, client.id);
    const byKey = new Map(afterKill.rows.map((r) => [r.idempotency_key, r]));
    expect(byKey.size).toBe(afterKill.rows.length);
    expect(new Set(afterKill.rows.map((r) => r.number)).size).toBe(afterKill.rows.length);
    for (const [i, number] of b.acked) expect(byKey.get(storedKey(i))?.number).toBe(number);
    const present = new Set<number>();
    for (const row of afterKill.rows) {
      const i = Number(/^demo-toegang:batch-(\d+)$/.exec(row.idempotency_key)?.[1]);
      expect(b.sent.has(i), `${row.idempotency_key} was never sent`).toBe(true);
      expect(row).toMatchObject({ status: "actief", start_date: batchItem(i).startDate });
      present.add(i);
    }
    // One creation record per allocation, none without one: allocation and record share a transaction.
    expect(afterKill.created.map((c) => c.resource_id).sort()).toEqual(
      afterKill.rows.map((r) => r.number).sort(),
    );
    expect(await verifyAudit(store.db)).toMatchObject({ ok: true });
    await close(store);
    const committedUnanswered = [...present].filter((i) => !b.acked.has(i));
    console.info(
      `${engine}: ${b.sent.size} sent, ${b.acked.size} acknowledged before SIGKILL, ${present.size} found` +
        ` (${committedUnanswered.length} committed without an answer)`,
    );

    // 3. Restart on the same data; the session lives in the store, so the same cookie still works.
    const second = await startServerProcess(target, bsnKey);
    expect((await call(second.address, session, "GET", "/sessie")).status).toBe(200);
    const retried = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        call(second.address, session, "POST", "/toewijzingen", body(client.id, i)),
      ),
    );
    retried.forEach((res, i) => {
      const answer = res.json as { created?: boolean; toewijzing?: { number?: string } };
      if (present.has(i)) {
        expect(res.status, `retry of ${i}`).toBe(200);
        expect(answer.created).toBe(false);
        expect(answer.toewijzing?.number).toBe(byKey.get(storedKey(i))?.number);
      } else {
        expect(res.status, `retry of ${i}: ${JSON.stringify(res.json)}`).toBe(201);
        expect(answer.created).toBe(true);
      }
    });
    second.child.kill("SIGTERM");
    expect((await exitOf(second)).code).toBe(0);
    expect(second.errors).toEqual([]);
    // 4. In the end: one allocation per key, each with one creation record, the chain whole.
    store = await reopen(target);
    const final = await allocationsOf(store, client.id);
    expect(final.rows.map((r) => r.idempotency_key).sort()).toEqual(
      Array.from({ length: N }, (_, i) => storedKey(i)).sort(),
    );
    expect(new Set(final.rows.map((r) => r.number)).size).toBe(N);
    expect(final.created.map((c) => c.resource_id).sort()).toEqual(final.rows.map((r) => r.number).sort());
    expect(await verifyAudit(store.db)).toMatchObject({ ok: true });
    await close(store);
  });
});
