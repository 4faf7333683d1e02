import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { PGlite, types } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { Kysely, type Migration, type MigrationProvider, Migrator, PostgresDialect } from "kysely";
import pg from "pg";
import * as m0001 from "./migrations/0001-registry.ts";
import * as m0002 from "./migrations/0002-delivery.ts";
import * as m0003 from "./migrations/0003-allocation-request.ts";
import * as m0004 from "./migrations/0004-family.ts";
import * as m0005 from "./migrations/0005-decision.ts";
import * as m0006 from "./migrations/0006-municipality-region.ts";
import * as m0007 from "./migrations/0007-ijw.ts";
import * as m0008 from "./migrations/0008-regie.ts";
import * as m0009 from "./migrations/0009-declaration.ts";
import * as m0010 from "./migrations/0010-contract-tariff.ts";
import * as m0011 from "./migrations/0011-access.ts";
import * as m0012 from "./migrations/0012-retention.ts";
import * as m0013 from "./migrations/0013-message-subject.ts";
import * as m0014 from "./migrations/0014-client-without-bsn.ts";
import { loadMembershipLayers, type MembershipLayer } from "../rules/load.ts";
import { PGliteDialect } from "./pglite-dialect.ts";
import { syncRegionModels } from "./registry.ts";
import type { Database } from "./schema.ts";
import { BsnVault } from "./vault.ts";

/**
 * Opens the registry: PGlite (in-process PostgreSQL) with its data in a folder by default, or a real
 * PostgreSQL server when a URL is given (DATABASE_URL). Same migrations, same queries, same tests.
 */

export interface Store {
  db: Kysely<Database>;
  engine: "pglite" | "postgres";
  vault: BsnVault;
  close(): Promise<void>;
}

export interface StoreOptions {
  /** postgres://… ; when absent, PGlite in dataDir */
  url?: string;
  /** PGlite's folder; "memory://" for a database that lives only in this process */
  dataDir?: string;
  /** 32 bytes, base64: the key the BSN is encrypted and hashed with */
  bsnKey?: string;
  migrate?: boolean;
}

const migrations: Record<string, Migration> = {
  "0001-registry": m0001,
  "0002-delivery": m0002,
  "0003-allocation-request": m0003,
  "0004-family": m0004,
  "0005-decision": m0005,
  "0006-municipality-region": m0006,
  "0007-ijw": m0007,
  "0008-regie": m0008,
  "0009-declaration": m0009,
  "0010-contract-tariff": m0010,
  "0011-access": m0011,
  "0012-retention": m0012,
  "0013-message-subject": m0013,
  "0014-client-without-bsn": m0014,
};
const provider: MigrationProvider = { getMigrations: async () => migrations };

export function storeOptionsFromEnv(env = process.env): StoreOptions {
  const dataDir = resolve(env.DATA_DIR ?? "data");
  return {
    ...(env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: join(dataDir, "pglite") }),
    ...(env.WEGWIJZER_BSN_KEY ? { bsnKey: env.WEGWIJZER_BSN_KEY } : {}),
  };
}

/** With PGlite and no key given, a key is made once and kept beside the data (never in the database). */
function keyFor(options: StoreOptions): string {
  if (options.bsnKey) return options.bsnKey;
  if (options.url) {
    throw new Error("WEGWIJZER_BSN_KEY ontbreekt: met een PostgreSQL-server is een eigen sleutel verplicht");
  }
  if (!options.dataDir || options.dataDir.startsWith("memory://")) return BsnVault.newKey();
  const file = join(options.dataDir, "..", "bsn.key");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(join(options.dataDir, ".."), { recursive: true });
  const key = BsnVault.newKey();
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

export async function openStore(options: StoreOptions = storeOptionsFromEnv()): Promise<Store> {
  const vault = new BsnVault(keyFor(options));
  let db: Kysely<Database>;
  let engine: Store["engine"];
  if (options.url) {
    const pool = new pg.Pool({
      connectionString: options.url,
      max: 10,
      types: {
        getTypeParser: (oid: number, format?: string) => {
          if (oid === 1082) return (v: string) => v; // date stays an ISO string
          if (oid === 1700) return (v: string) => Number(v); // numeric as number
          return pg.types.getTypeParser(oid, format as "text");
        },
      },
    });
    // A connection the server ends (restart, failover, admin) must not take the process down: the pool
    // replaces it on next use.
    pool.on("error", (e) => console.error(`PostgreSQL-verbinding verbroken: ${e.message}`));
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    engine = "postgres";
  } else {
    const dir = options.dataDir ?? "memory://";
    if (!dir.startsWith("memory://")) mkdirSync(dir, { recursive: true });
    const pglite = new PGlite(dir, {
      // The exclusion constraints on region membership (migration 0006) need btree_gist.
      extensions: { btree_gist },
      parsers: { [types.DATE]: (v: string) => v, [types.NUMERIC]: (v: string) => Number(v) },
    });
    db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    engine = "pglite";
  }
  const store: Store = { db, engine, vault, close: () => db.destroy() };
  if (options.migrate !== false) {
    try {
      await migrate(store);
    } catch (e) {
      await db.destroy();
      throw e;
    }
  }
  return store;
}

/**
 * Brings the database up to date: the migrations, then the regions, municipalities and memberships from
 * the region models (syncRegionModels), so a fresh database has them and a changed model updates them.
 * Returns the migrations it applied.
 */
export async function migrate(store: Pick<Store, "db">, layers?: MembershipLayer[]): Promise<string[]> {
  const migrator = new Migrator({ db: store.db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  await syncRegionModels(store, layers ?? loadMembershipLayers());
  return (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName);
}
