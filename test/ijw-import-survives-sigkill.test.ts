import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import type { Store } from "../src/store/database.ts";
import { BsnVault } from "../src/store/vault.ts";
import {
  childEnv,
  cleanUpBatches,
  close,
  exitOf,
  reopen,
  startChild,
  targetFor,
  tempFolder,
  waitFor,
} from "./support/child-batch.ts";
import { GGZ, type RequestedProduct, votXml } from "./support/ijw.ts";
import { IMPORT_TODAY } from "./support/import-batch.ts";
import { engines } from "./support/stores.ts";

/**
 * Crash safety of the iJw import: a child process imports a folder of VOTs one by one and acknowledges
 * each after importMessage returned; the test kills it with SIGKILL after some acknowledgements, opens
 * the same PGlite folder or PostgreSQL database again and checks that every acknowledged message is
 * there and every message that is there is whole (retour, request, and allocation + JW301 or JW319).
 * Then the whole folder is imported again: what was in before is "dubbel", the rest is processed, and
 * every message is in exactly once.
 */

const N = 30;
const KILL_AFTER = 10;
const ACK_TIMEOUT = 60_000;

/** File i: a distinct client and one product; every fifth no contract (JW319), every fifth in investigation. */
function message(i: number, bsn: string) {
  const kind = i % 5 === 3 ? "geen-contract" : i % 5 === 4 ? "onderzoek" : "toewijzen";
  const product: RequestedProduct = {
    ref: `KILL-REF-${i}`,
    ...(kind === "geen-contract" ? { category: "45", code: "45A03" } : GGZ),
    start: "2026-03-09",
    end: "2026-12-31",
    omvang: { Volume: 2, Eenheid: "04", Frequentie: "2" },
    verwijzer: kind === "onderzoek" ? { Type: "06" } : { Type: "02", ZorgverlenerCode: "01234567" },
  };
  return {
    file: `vot-${String(i).padStart(2, "0")}.xml`,
    identificatie: `KILL-${i}`,
    ref: product.ref,
    kind,
    xml: votXml({ identificatie: `KILL-${i}`, dagtekening: IMPORT_TODAY, bsn, products: [product] }),
  };
}
type Message = ReturnType<typeof message>;

afterEach(cleanUpBatches);

/** The importer on the folder: `READY`, then `ACK <file> <status>` per message. */
function startBatch(args: string[], env: NodeJS.ProcessEnv) {
  return startChild(
    "test/support/import-batch.ts",
    args,
    env,
    { acks: [] as { file: string; status: string }[], ready: false },
    (line, batch) => {
      const ack = /^ACK (\S+) (\S+)$/.exec(line);
      if (ack) batch.acks.push({ file: ack[1]!, status: ack[2]! });
      else if (line === "READY") batch.ready = true;
      else return false;
      return true;
    },
  );
}

/**
 * What the database holds of the batch, checked whole: every incoming VOT processed, with its retour, its
 * request, and an allocation + JW301 or a JW319, nothing else and nothing twice. Returns the identities in.
 */
async function expectWhole(store: Store, messages: Message[]): Promise<string[]> {
  const all = await store.db.selectFrom("ijw_message").selectAll().execute();
  const incoming = all.filter((m) => m.direction === "in");
  const outgoing = all.filter((m) => m.direction === "uit");
  const requests = await store.db.selectFrom("ijw_request").selectAll().execute();
  const allocations = await store.db.selectFrom("allocation").selectAll().execute();
  const clients = await store.db.selectFrom("client").select("id").execute();
  const byIdentity = new Map(messages.map((m) => [m.identificatie, m]));
  const body = (id: string) => store.vault.decrypt(all.find((m) => m.id === id)!.body_cipher);

  // One incoming row per identity, each of the batch, each processed.
  expect(new Set(incoming.map((m) => m.identificatie)).size).toBe(incoming.length);
  for (const heen of incoming) {
    const m = byIdentity.get(heen.identificatie);
    expect(m, heen.identificatie).toBeDefined();
    expect(heen).toMatchObject({ type: "JW315", status: "verwerkt" });
    const retours = outgoing.filter((o) => o.type === "JW316" && o.in_reply_to === heen.id);
    expect(retours, `the retour on ${heen.identificatie}`).toHaveLength(1);
    const [request, ...more] = requests.filter((r) => r.message_id === heen.id);
    expect(more).toEqual([]);
    expect(request).toMatchObject({ referentie: m!.ref, client_id: heen.client_id });
    const answers = outgoing.filter((o) => o.client_id === heen.client_id && o.type !== "JW316");
    expect(answers, `the answer on ${heen.identificatie}`).toHaveLength(1);
    expect(body(answers[0]!.id)).toContain(`>${m!.ref}<`);
    const own = allocations.filter((a) => a.client_id === heen.client_id);
    if (m!.kind === "toewijzen") {
      expect(request!.status).toBe("toegewezen");
      expect(own).toHaveLength(1);
      expect(own[0]).toMatchObject({ id: request!.allocation_id, referentie_aanbieder: m!.ref });
      expect(answers[0]!.type).toBe("JW301");
    } else {
      expect(request!.status).toBe(m!.kind === "onderzoek" ? "in_onderzoek" : "afgewezen");
      expect(own).toEqual([]);
      expect(answers[0]!.type).toBe("JW319");
    }
  }
  // Nothing besides: no request, allocation, client or outgoing message without its incoming VOT.
  const present = incoming.map((m) => byIdentity.get(m.identificatie)!);
  expect(requests).toHaveLength(incoming.length);
  expect(allocations).toHaveLength(present.filter((m) => m.kind === "toewijzen").length);
  expect(new Set(allocations.map((a) => a.referentie_aanbieder)).size).toBe(allocations.length);
  expect(clients).toHaveLength(incoming.length);
  const retoursOnDuplicates = outgoing.filter((o) => o.type === "JW316" && o.in_reply_to === null);
  expect(outgoing.length - retoursOnDuplicates.length).toBe(2 * incoming.length);
  return incoming.map((m) => m.identificatie);
}

describe.each(engines)("the iJw import on %s after SIGKILL", (engine) => {
  it("keeps every acknowledged message, none half-imported, and importing the folder again adds nothing twice", async () => {
    const bsnKey = BsnVault.newKey();
    const target = await targetFor(engine, bsnKey, "wegwijzer-import-sigkill-");
    const folder = tempFolder("wegwijzer-import-folder-");
    const messages = testBsns(N, 4242).map((bsn, i) => message(i, bsn));
    for (const m of messages) writeFileSync(join(folder, m.file), m.xml);
    const env = childEnv(bsnKey);
    const args = [...target.args, "--dir", folder];

    // 1. Import, and kill the importer without warning after KILL_AFTER acknowledgements (plus a few
    //    random milliseconds, so the kill lands anywhere in the next import, its commit included).
    const first = startBatch(args, env);
    await waitFor(
      first,
      () => first.acks.length >= KILL_AFTER,
      ACK_TIMEOUT,
      `${KILL_AFTER} acknowledgements`,
    );
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 50)));
    first.child.kill("SIGKILL");
    expect(await exitOf(first)).toEqual({ code: null, signal: "SIGKILL" });
    expect(first.done).toBe(false);
    expect(first.other).toEqual([]);
    const acked = first.acks;
    expect(acked.length).toBeLessThan(N);
    expect(acked).toEqual(messages.slice(0, acked.length).map((m) => ({ file: m.file, status: "verwerkt" })));

    // 2. Open it again: every acknowledged message is in, at most the one in flight besides; all whole.
    let store = await reopen(target);
    const afterKill = await expectWhole(store, messages);
    expect([acked.length, acked.length + 1]).toContain(afterKill.length);
    expect(afterKill.sort()).toEqual(
      messages
        .slice(0, afterKill.length)
        .map((m) => m.identificatie)
        .sort(),
    );
    await close(store);
    console.info(
      `${engine}: killed after ${acked.length} acknowledged imports; ${afterKill.length} messages found` +
        (afterKill.length > acked.length ? " (the one in flight had committed)" : ""),
    );

    // 3. Import the whole folder again, to the end: what was in is "dubbel", the rest is processed.
    const second = startBatch(args, env);
    await waitFor(second, () => second.done, ACK_TIMEOUT, "the end of the batch");
    expect(await exitOf(second)).toEqual({ code: 0, signal: null });
    expect(second.other).toEqual([]);
    expect(second.acks).toEqual(
      messages.map((m, i) => ({ file: m.file, status: i < afterKill.length ? "dubbel" : "verwerkt" })),
    );

    // 4. Every message exactly once, each whole; each duplicate got its own 9056 retour and nothing else.
    store = await reopen(target);
    expect((await expectWhole(store, messages)).sort()).toEqual(messages.map((m) => m.identificatie).sort());
    const duplicates = await store.db
      .selectFrom("ijw_message")
      .select(["body_cipher"])
      .where("direction", "=", "uit")
      .where("type", "=", "JW316")
      .where("in_reply_to", "is", null)
      .execute();
    expect(duplicates).toHaveLength(afterKill.length);
    for (const d of duplicates) expect(store.vault.decrypt(d.body_cipher)).toMatch(/RetourCode>9056</);
    await close(store);
  }, 150_000);
});
