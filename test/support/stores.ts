import { randomBytes } from "node:crypto";
import pg from "pg";
import { openStore, type Store } from "../../src/store/database.ts";
import { BsnVault } from "../../src/store/vault.ts";

/**
 * The registry tests run on both engines: PGlite in memory, and a real PostgreSQL server in a
 * database of their own that is dropped afterwards. WEGWIJZER_TEST_PG_URL points at the server's
 * admin database (default: postgres on 127.0.0.1:5432, as on development and CI machines).
 */
export const engines = ["pglite", "postgres"] as const;
export type Engine = (typeof engines)[number];

export const adminUrl = process.env.WEGWIJZER_TEST_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `wegwijzer_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export async function freshStore(engine: Engine): Promise<{ store: Store; done(): Promise<void> }> {
  const bsnKey = BsnVault.newKey();
  if (engine === "pglite") {
    const store = await openStore({ dataDir: "memory://", bsnKey });
    return { store, done: () => store.close() };
  }
  const database = await createTestDatabase();
  const store = await openStore({ url: database.url, bsnKey });
  return {
    store,
    done: async () => {
      await store.close();
      await database.drop();
    },
  };
}
