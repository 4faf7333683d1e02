import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { openStore, type Store, type StoreOptions, storeOptionsFromEnv } from "../../src/store/database.ts";
import { createTestDatabase, type Engine } from "./stores.ts";

/**
 * The machinery of the crash-safety tests (test/registry-survives-sigkill.test.ts,
 * test/ijw-import-survives-sigkill.test.ts), both sides of it.
 *
 * The child (test/support/write-batch.ts, test/support/import-batch.ts) opens the store it is pointed at,
 * prints `READY…`, one line per committed piece of work, and `DONE`, each line only once it is in the pipe.
 * The test spawns it, reads that line protocol, waits for what it needs, kills it with SIGKILL, and opens
 * the same PGlite folder or PostgreSQL database again. This file imports no vitest: the child loads it too.
 */

// ---- the child's side ----

/** The options a child takes for its store: `--data-dir <folder>` or `--url <postgres://…>`. */
export const STORE_ARGS = { "data-dir": { type: "string" }, url: { type: "string" } } as const;

/** The store of `--url` or `--data-dir`, else of the environment (DATABASE_URL, DATA_DIR); the BSN key from WEGWIJZER_BSN_KEY. */
export function childStoreOptions(values: { url?: string; "data-dir"?: string }): StoreOptions {
  const options: StoreOptions = values.url
    ? { url: values.url }
    : values["data-dir"]
      ? { dataDir: resolve(values["data-dir"]) }
      : storeOptionsFromEnv();
  if (process.env.WEGWIJZER_BSN_KEY) options.bsnKey = process.env.WEGWIJZER_BSN_KEY;
  return options;
}

/** Writes a line and resolves once Node has handed it to the OS (the pipe), not merely buffered it. */
export const say = (line: string) =>
  new Promise<void>((done, fail) =>
    process.stdout.write(`${line}\n`, (error) => (error ? fail(error) : done())),
  );

/** Runs `main` with the arguments when the module at `moduleUrl` is the one node was started with. */
export function runAsChild(moduleUrl: string, main: (argv: string[]) => Promise<void>): void {
  if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(moduleUrl)) {
    main(process.argv.slice(2)).catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : error);
      process.exitCode = 1;
    });
  }
}

// ---- the test's side ----

const root = join(import.meta.dirname, "..", "..");
const EXIT_TIMEOUT = 10_000;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ChildBatch {
  child: ChildProcess;
  /** the child printed `DONE` */
  done: boolean;
  /** how many protocol lines (READY, ACK, …, DONE) the child printed */
  lines: number;
  /** stdout lines that are not part of the protocol (a stray log line would show up here) */
  other: string[];
  stderr: string;
  closed?: Exit;
  exited: Promise<Exit>;
  onLine: Set<() => void>;
}

const running: ChildBatch[] = [];
const openStores: Store[] = [];
const cleanups: (() => Promise<void> | void)[] = [];

/** For afterEach: kills the children still running, closes the stores still open, then cleans up. */
export async function cleanUpBatches(): Promise<void> {
  for (const b of running.splice(0)) {
    if (!b.closed) {
      b.child.kill("SIGKILL");
      await b.exited;
    }
  }
  for (const s of openStores.splice(0)) await s.close();
  for (const c of cleanups.splice(0).reverse()) await c();
}

/** Something for cleanUpBatches to do last (cleanups run in reverse order). */
export function onCleanUp(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

/** A temporary folder, removed by cleanUpBatches. */
export function tempFolder(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onCleanUp(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * Starts `node --import tsx <script> <args>` (script relative to the repository) with the protocol on
 * stdout. `read` takes each line besides DONE, records what it means in `state` (which the batch is
 * made of) and says whether it was a protocol line; what it refuses goes to `other`.
 */
export function startChild<S extends object>(
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  state: S,
  read: (line: string, batch: S) => boolean,
): ChildBatch & S {
  const child = spawn(process.execPath, ["--import", "tsx", join(root, script), ...args], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const batch: ChildBatch & S = Object.assign(state, {
    child,
    done: false,
    lines: 0,
    other: [],
    stderr: "",
    exited: new Promise<Exit>((resolve) => {
      const end = (closed: Exit) => {
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
    onLine: new Set<() => void>(),
  });
  running.push(batch);
  let pending = "";
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    pending += chunk;
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      if (line === "DONE") batch.done = true;
      else if (!read(line, batch)) {
        batch.other.push(line);
        continue;
      }
      batch.lines++;
    }
    for (const f of batch.onLine) f();
  });
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => (batch.stderr += chunk));
  return batch;
}

/** The environment of a child: this one's, with the BSN key and `extra`, and no store of its own. */
export function childEnv(bsnKey: string, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, WEGWIJZER_BSN_KEY: bsnKey, ...extra };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  return env;
}

/** Resolves when `ready()` holds; fails when the child ends first or the time is up. */
export function waitFor(batch: ChildBatch, ready: () => boolean, ms: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const finish = (error?: Error) => {
      clearTimeout(timer);
      batch.onLine.delete(check);
      if (error) reject(error);
      else resolve();
    };
    const describeChild = () =>
      `${batch.lines} protocol lines, exit ${JSON.stringify(batch.closed ?? "running")}, stderr:\n${batch.stderr}`;
    const check = () => {
      if (ready()) finish();
      else if (batch.closed) finish(new Error(`the child ended before ${what}: ${describeChild()}`));
    };
    const timer = setTimeout(() => finish(new Error(`no ${what} within ${ms} ms: ${describeChild()}`)), ms);
    batch.onLine.add(check);
    check();
  });
}

/** How the child ended; fails when it does not within EXIT_TIMEOUT. */
export async function exitOf(batch: ChildBatch): Promise<Exit> {
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

export interface Target {
  /** the child's arguments for the store */
  args: string[];
  /** the test's options for the same store */
  options: StoreOptions;
  /** PGlite only: the folder of the database */
  dataDir?: string;
}

/** A PGlite folder of its own (under a temporary folder named `prefix…`) or a PostgreSQL database of its own. */
export async function targetFor(engine: Engine, bsnKey: string, prefix: string): Promise<Target> {
  if (engine === "pglite") {
    const dataDir = join(tempFolder(prefix), "pglite");
    return { args: ["--data-dir", dataDir], options: { dataDir, bsnKey }, dataDir };
  }
  const database = await createTestDatabase();
  onCleanUp(() => database.drop());
  return { args: ["--url", database.url], options: { url: database.url, bsnKey } };
}

/** Opens the target's store in the test; cleanUpBatches closes it should the test not. */
export async function reopen(target: Target): Promise<Store> {
  const store = await openStore(target.options);
  openStores.push(store);
  return store;
}

export async function close(store: Store): Promise<void> {
  openStores.splice(openStores.indexOf(store), 1);
  await store.close();
}
