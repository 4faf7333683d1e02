import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { testBsns } from "../src/domain/bsn.ts";
import { openStore, type Store, type StoreOptions } from "../src/store/database.ts";
import { BsnVault } from "../src/store/vault.ts";
import { type RequestedProduct, votXml } from "./support/ijw.ts";
import { GGZ, IMPORT_TODAY } from "./support/import-batch.ts";
import { createTestDatabase, engines, type Engine } from "./support/stores.ts";

/**
 * Crash safety of the iJw import: a child process imports a folder of VOTs one by one and acknowledges
 * each after importMessage returned; the test kills it with SIGKILL after some acknowledgements, opens
 * the same PGlite folder or PostgreSQL database again and checks that every acknowledged message is
 * there and every message that is there is whole (retour, request, and allocation + JW301 or JW319).
 * Then the whole folder is imported again: what was in before is "dubbel", the rest is processed, and
 * every message is in exactly once.
 */

const root = join(import.meta.dirname, "..");
const script = join(root, "test", "support", "import-batch.ts");
const N = 30;
const KILL_AFTER = 10;
const ACK_TIMEOUT = 60_000;
const EXIT_TIMEOUT = 10_000;

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

interface Batch {
  child: ChildProcess;
  acks: { file: string; status: string }[];
  ready: boolean;
  done: boolean;
  other: string[];
  stderr: string;
  closed?: { code: number | null; signal: NodeJS.Signals | null };
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  onLine: Set<() => void>;
}

const running: Batch[] = [];
const openStores: Store[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const b of running.splice(0)) {
    if (!b.closed) {
      b.child.kill("SIGKILL");
      await b.exited;
    }
  }
  for (const s of openStores.splice(0)) await s.close();
  for (const c of cleanups.splice(0).reverse()) await c();
});

function startBatch(args: string[], env: NodeJS.ProcessEnv): Batch {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const batch: Batch = {
    child,
    acks: [],
    ready: false,
    done: false,
    other: [],
    stderr: "",
    exited: new Promise((resolve) => {
      const end = (closed: { code: number | null; signal: NodeJS.Signals | null }) => {
        if (batch.closed) return;
        batch.closed = closed;
        for (const f of batch.onLine) f();
        resolve(closed);
      };
      child.once("error", (error) => {
        batch.stderr += `\n${error.message}`;
        end({ code: null, signal: null });
      });
      child.once("close", (code, signal) => end({ code, signal }));
    }),
    onLine: new Set(),
  };
  running.push(batch);
  let pending = "";
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      const ack = /^ACK (\S+) (\S+)$/.exec(line);
      if (ack) batch.acks.push({ file: ack[1]!, status: ack[2]! });
      else if (line === "READY") batch.ready = true;
      else if (line === "DONE") batch.done = true;
      else batch.other.push(line);
    }
    for (const f of batch.onLine) f();
  });
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => (batch.stderr += chunk));
  return batch;
}

/** Resolves when `ready()` holds; fails when the child ends first or the time is up. */
function waitFor(batch: Batch, ready: () => boolean, ms: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      clearTimeout(timer);
      batch.onLine.delete(check);
      if (error) reject(error);
      else resolve();
    };
    const describeChild = () =>
      `${batch.acks.length} acks, exit ${JSON.stringify(batch.closed ?? "running")}, stderr:\n${batch.stderr}`;
    const check = () => {
      if (ready()) finish();
      else if (batch.closed) finish(new Error(`the child ended before ${what}: ${describeChild()}`));
    };
    const timer = setTimeout(() => finish(new Error(`no ${what} within ${ms} ms: ${describeChild()}`)), ms);
    batch.onLine.add(check);
    check();
  });
}

async function exitOf(batch: Batch): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`the child did not exit within ${EXIT_TIMEOUT} ms`)),
      EXIT_TIMEOUT,
    );
  });
  try {
    return await Promise.race([batch.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function targetFor(engine: Engine, bsnKey: string): Promise<{ args: string[]; options: StoreOptions }> {
  if (engine === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), "wegwijzer-import-sigkill-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dataDir = join(dir, "pglite");
    return { args: ["--data-dir", dataDir], options: { dataDir, bsnKey } };
  }
  const database = await createTestDatabase();
  cleanups.push(() => database.drop());
  return { args: ["--url", database.url], options: { url: database.url, bsnKey } };
}

async function reopen(options: StoreOptions): Promise<Store> {
  const store = await openStore(options);
  openStores.push(store);
  return store;
}

async function close(store: Store): Promise<void> {
  openStores.splice(openStores.indexOf(store), 1);
  await store.close();
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
    const target = await targetFor(engine, bsnKey);
    const folder = mkdtempSync(join(tmpdir(), "wegwijzer-import-folder-"));
    cleanups.push(() => rmSync(folder, { recursive: true, force: true }));
    const messages = testBsns(N, 4242).map((bsn, i) => message(i, bsn));
    for (const m of messages) writeFileSync(join(folder, m.file), m.xml);
    const env: NodeJS.ProcessEnv = { ...process.env, WEGWIJZER_BSN_KEY: bsnKey };
    delete env.DATABASE_URL;
    delete env.DATA_DIR;
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
    let store = await reopen(target.options);
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
    store = await reopen(target.options);
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
