import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * What the bench must undo however it ends: databases it created on the PostgreSQL server and child
 * processes it started. main.ts runs `cleanUp` in its `finally` and on SIGINT/SIGTERM, so an interrupted
 * bench leaves no database behind.
 */

const cleanups = new Map<string, () => Promise<void> | void>();
let counter = 0;

/** Registers an undo step; the returned function runs it once and forgets it. */
export function onCleanUp(step: () => Promise<void> | void): () => Promise<void> {
  const key = String(counter++);
  cleanups.set(key, step);
  return async () => {
    if (!cleanups.delete(key)) return;
    await step();
  };
}

/** How long one step may take before the next runs anyway (a store closing under a running import). */
const STEP_TIMEOUT_MS = 10_000;

/**
 * Runs every step still registered, one after the other, newest first: a store is closed before its
 * database is dropped. A failing or hanging step does not stop the others.
 */
export function cleanUp(): Promise<void> {
  // A second call (the main path's `finally` after a SIGINT started one) waits for the first to end.
  running = running.then(runSteps);
  return running;
}
let running: Promise<void> = Promise.resolve();

async function runSteps(): Promise<void> {
  const steps = [...cleanups.values()].reverse();
  cleanups.clear();
  for (const step of steps) {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        step(),
        new Promise((_, fail) => {
          timer = setTimeout(() => fail(new Error("timed out")), STEP_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      console.error(`cleanup step failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The PostgreSQL server's admin database, as the tests use it (test/support/stores.ts). */
export const adminUrl = process.env.WEGWIJZER_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Whether the PostgreSQL server answers; the bench then leaves out its PostgreSQL rows and says so. */
export async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * A database of the bench's own on the server, and the function that drops it (registered for cleanup
 * before it exists, so a SIGINT between create and use still drops it).
 */
export async function createBenchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `wegwijzer_benchtable_${process.pid}_${randomBytes(4).toString("hex")}`;
  const drop = onCleanUp(() => admin(`drop database if exists ${name} with (force)`));
  await admin(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop };
}
