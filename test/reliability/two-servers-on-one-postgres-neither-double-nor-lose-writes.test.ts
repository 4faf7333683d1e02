import { addDays, format, parseISO } from "date-fns";
import { afterEach, expect, it } from "vitest";
import { testBsns } from "../../src/domain/bsn.ts";
import { verifyAudit } from "../../src/store/audit.ts";
import { registerClient } from "../../src/store/registry.ts";
import { BsnVault } from "../../src/store/vault.ts";
import { sessionFor } from "../support/api.ts";
import { cleanUpBatches, close, exitOf, reopen, targetFor } from "../support/child-batch.ts";
import { addGgzProvider, GGZ, votXml } from "../support/ijw.ts";
import { BATCH_MUNICIPALITY, batchItem } from "../support/write-batch.ts";
import { call, startServerProcess, type WebSession } from "./support/server-process.ts";
import { addBatchProvider, allocationsOf } from "./support/world.ts";
import { seedDemoUsers } from "../../src/store/demo-users.ts";

/**
 * Two server processes on one PostgreSQL database (issue 9), both signed in as the Toegang of Tilburg,
 * writing about the same clients at the same moment. For each client, all at once, through both:
 *
 * - the same allocation (same idempotency key and body) ten times: one is created (201), nine get it
 *   back (200), all with the same number — no duplicate;
 * - two different allocations for the same week, product and provider, one through each server: the
 *   registry locks the client row, so exactly one passes the overlap check and the other is refused (422);
 * - one idempotency key for two different clients at once: one is made, the other is a clash (422, code
 *   idempotentie), never a 500 from the unique index;
 * - two different end dates for one allocation, one through each server. "Lost update" made concrete:
 *   the outcome must equal one of the two serial orders, i.e. one change is stored and answered 200, and
 *   the other is refused (422) because it saw the first ("al beëindigd op <that date>"). A lost update
 *   would be both answered 200 while only one date is stored;
 * - the same iJw message (JW315, a request for allocation) uploaded five times through each server: one
 *   is processed, nine are duplicates, and the registry has one request and one allocation for it.
 *
 * Afterwards the audit chain, appended to by both processes under its advisory lock, is whole.
 */

const CLIENTS = 4;
const SAME_KEY_TIMES = 5; // per server
const today = format(new Date(), "yyyy-MM-dd");

afterEach(cleanUpBatches);

it("two servers on one PostgreSQL database make no duplicate allocation, lose no update and keep the audit chain whole", async () => {
  const bsnKey = BsnVault.newKey();
  const target = await targetFor("postgres", bsnKey, "wegwijzer-two-servers-");
  let store = await reopen(target);
  await seedDemoUsers(store);
  await addBatchProvider(store);
  await addGgzProvider(store);
  const bsns = testBsns(CLIENTS, 9092);
  const clients: { id: string }[] = [];
  for (const bsn of bsns)
    clients.push(await registerClient(store, { bsn, municipality: BATCH_MUNICIPALITY }));
  // A session per server, as two employees' browsers would have (PostgreSQL: no demo login; see world.ts).
  const sessions: WebSession[] = [
    await sessionFor(store, "demo-toegang"),
    await sessionFor(store, "demo-toegang"),
  ];
  await close(store);

  const servers = await Promise.all([startServerProcess(target, bsnKey), startServerProcess(target, bsnKey)]);
  const via = (s: number, method: string, path: string, body?: unknown) =>
    call(servers[s]!.address, sessions[s], method, path, body);

  // 1. The same allocation ten times per client; two overlapping ones per client; all clients at once.
  const first = await Promise.all(
    clients.map(async (client, c) => {
      const same = Promise.all(
        Array.from({ length: 2 * SAME_KEY_TIMES }, (_, k) =>
          via(k % 2, "POST", "/toewijzingen", {
            clientId: client.id,
            ...batchItem(0),
            idempotencyKey: `zelfde-${client.id}`,
          }),
        ),
      );
      const overlapping = Promise.all(
        [0, 1].map((s) =>
          via(s, "POST", "/toewijzingen", {
            clientId: client.id,
            ...batchItem(1),
            idempotencyKey: `overlap-${client.id}-via-${s}`,
          }),
        ),
      );
      // One key for two clients at once (a client program reusing its key): one made, one a clash.
      const crossed = Promise.all(
        [0, 1].map((s) =>
          via(s, "POST", "/toewijzingen", {
            clientId: s === 0 ? client.id : clients[(c + 1) % CLIENTS]!.id,
            ...batchItem(2 + s),
            idempotencyKey: `kruis-${c}`,
          }),
        ),
      );
      return { same: await same, overlapping: await overlapping, crossed: await crossed };
    }),
  );
  const numberOf = (json: unknown) => (json as { toewijzing?: { number?: string } }).toewijzing?.number;
  const kept: string[] = [];
  for (const { same, overlapping, crossed } of first) {
    expect(same.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(same.map((r) => numberOf(r.json))).size).toBe(1);
    expect(overlapping.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(crossed.map((r) => r.status).sort()).toEqual([201, 422]);
    expect(JSON.stringify(crossed.find((r) => r.status === 422)?.json)).toContain('"code":"idempotentie"');
    kept.push(numberOf(same[0]?.json) ?? "");
  }

  // 2. Two end dates for the same allocation at once, one through each server.
  const start = parseISO(batchItem(0).startDate);
  const ends = [format(addDays(start, 2), "yyyy-MM-dd"), format(addDays(start, 4), "yyyy-MM-dd")];
  const endings = await Promise.all(
    kept.map((number) =>
      Promise.all(
        [0, 1].map((s) =>
          via(s, "POST", `/toewijzingen/${number}/beeindigen`, {
            einddatum: ends[s],
            reden: `via server ${s}`,
          }),
        ),
      ),
    ),
  );
  const winners = new Map<string, string>();
  endings.forEach((pair, c) => {
    expect(pair.map((r) => r.status).sort()).toEqual([200, 422]);
    const won = pair.findIndex((r) => r.status === 200);
    const winnerDate = ends[won] ?? "";
    expect((pair[won]?.json as { endDate?: string }).endDate).toBe(winnerDate);
    // The refused one saw the stored change: a serial order, not a lost update.
    expect(JSON.stringify(pair[1 - won]?.json)).toContain(`is al beëindigd op ${winnerDate}`);
    winners.set(kept[c] ?? "", winnerDate);
  });

  // 3. The same iJw request for allocation, five times through each server.
  const product = {
    ref: "TWEE-SERVERS", // made per client below: a provider's reference is unique per provider
    ...GGZ,
    start: format(addDays(new Date(), 28), "yyyy-MM-dd"),
    end: format(addDays(new Date(), 28 + 180), "yyyy-MM-dd"),
    omvang: { Volume: 2, Eenheid: "04", Frequentie: "2" },
  };
  const uploads = await Promise.all(
    bsns.map((bsn, c) => {
      const xml = votXml({
        identificatie: `TWEE-${c}`,
        dagtekening: today,
        bsn,
        products: [{ ...product, ref: `TWEE-SERVERS-${c}` }],
      });
      return Promise.all(
        Array.from({ length: 2 * SAME_KEY_TIMES }, async (_, k) => {
          const res = await fetch(`${servers[k % 2]!.address}/api/v1/ijw/berichten`, {
            method: "POST",
            headers: {
              "content-type": "application/xml",
              cookie: sessions[k % 2]!.cookie,
              "x-csrf-token": sessions[k % 2]!.csrf,
            },
            body: xml,
          });
          return { status: res.status, json: (await res.json()) as { status?: string; reasons?: string[] } };
        }),
      );
    }),
  );
  for (const answers of uploads) {
    expect(
      answers.map((a) => a.status),
      servers.flatMap((s) => s.errors).join("\n"),
    ).toEqual(Array(2 * SAME_KEY_TIMES).fill(200));
    const statuses = answers.map((a) => a.json.status).sort();
    expect(statuses, JSON.stringify(answers.map((a) => a.json))).toEqual([
      ...Array(2 * SAME_KEY_TIMES - 1).fill("dubbel"),
      "verwerkt",
    ]);
  }

  for (const s of servers) s.child.kill("SIGTERM");
  for (const s of servers) {
    expect((await exitOf(s)).code).toBe(0);
    expect(s.errors).toEqual([]);
  }

  // 4. The database: per client one allocation of the same key, one of the overlapping pair, one from
  //    the iJw request; the end dates as answered; one incoming message per identity; the chain whole.
  store = await reopen(target);
  for (const [c, client] of clients.entries()) {
    const { rows, created } = await allocationsOf(store, client.id);
    const keys = rows.map((r) => r.idempotency_key);
    const crossedHere = keys.filter((k) => k.startsWith("demo-toegang:kruis-")).length;
    expect(rows).toHaveLength(3 + crossedHere);
    expect(keys.filter((k) => k === `demo-toegang:zelfde-${client.id}`)).toHaveLength(1);
    expect(keys.filter((k) => k.startsWith(`demo-toegang:overlap-${client.id}-via-`))).toHaveLength(1);
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
    const same = rows.find((r) => r.idempotency_key === `demo-toegang:zelfde-${client.id}`);
    expect(same).toMatchObject({
      number: kept[c],
      status: "beeindigd",
      end_date: winners.get(kept[c] ?? ""),
    });
    // One creation record per allocation the web created (the iJw import audits as bericht-in).
    expect(
      created
        .filter((e) => e.outcome === "ok")
        .map((e) => e.resource_id)
        .sort(),
    ).toEqual(
      rows
        .filter((r) => r.idempotency_key.startsWith("demo-toegang:"))
        .map((r) => r.number)
        .sort(),
    );
    const incoming = await store.db
      .selectFrom("ijw_message")
      .select(["id", "status"])
      .where("direction", "=", "in")
      .where("identificatie", "=", `TWEE-${c}`)
      .execute();
    expect(incoming).toEqual([expect.objectContaining({ status: "verwerkt" })]);
    const requests = await store.db
      .selectFrom("ijw_request")
      .select(["status", "allocation_id"])
      .where("message_id", "=", incoming[0]?.id ?? "")
      .execute();
    expect(requests).toHaveLength(1);
    expect(rows.map((r) => r.id)).toContain(requests[0]?.allocation_id);
  }
  const crossedKeys = await store.db
    .selectFrom("allocation")
    .select("idempotency_key")
    .where("idempotency_key", "like", "demo-toegang:kruis-%")
    .execute();
  expect(crossedKeys.map((r) => r.idempotency_key).sort()).toEqual(
    clients.map((_, c) => `demo-toegang:kruis-${c}`).sort(),
  );
  expect(await verifyAudit(store.db)).toMatchObject({ ok: true });
  await close(store);
});
