import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema.ts";
import { toActor, type UserRecord } from "./users.ts";

/**
 * Server-side sessions (table app_session, migration 0011). A row is keyed by the SHA-256 of the
 * cookie's token, so a copy of the database holds no live session. Two kinds of row share the table:
 * a signed-in session (user_id set) and the short pre-login row of an OpenID Connect login (user_id
 * null; state, nonce and PKCE verifier in data), which is taken exactly once by the callback.
 */

type Db = Kysely<Database> | Transaction<Database>;

export interface SessionRow {
  idHash: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
  data: Record<string, unknown>;
}

export async function insertSession(
  db: Db,
  row: {
    idHash: string;
    userId: string | null;
    data: Record<string, unknown>;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await db
    .insertInto("app_session")
    .values({
      id_hash: row.idHash,
      user_id: row.userId,
      data: JSON.stringify(row.data),
      created_at: row.createdAt,
      expires_at: row.expiresAt,
    })
    .execute();
}

/** A signed-in session with its user, whatever its expiry or the user's state: the caller judges. */
export async function findSession(
  db: Db,
  idHash: string,
): Promise<{ session: SessionRow; user: UserRecord } | undefined> {
  const row = await db
    .selectFrom("app_session")
    .innerJoin("app_user", "app_user.id", "app_session.user_id")
    .selectAll("app_user")
    .select([
      "app_session.id_hash",
      "app_session.user_id",
      "app_session.data",
      "app_session.created_at as session_created_at",
      "app_session.expires_at",
    ])
    .where("app_session.id_hash", "=", idHash)
    .executeTakeFirst();
  if (!row?.user_id) return undefined;
  return {
    session: {
      idHash: row.id_hash,
      userId: row.user_id,
      createdAt: new Date(row.session_created_at),
      expiresAt: new Date(row.expires_at),
      data: parseData(row.data),
    },
    user: toActor(row),
  };
}

export async function extendSession(db: Db, idHash: string, expiresAt: Date): Promise<void> {
  await db.updateTable("app_session").set({ expires_at: expiresAt }).where("id_hash", "=", idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<boolean> {
  const result = await db.deleteFrom("app_session").where("id_hash", "=", idHash).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Removes every row past its end; run on each login, so the table never grows with dead sessions. */
export async function deleteExpiredSessions(db: Db, now: Date, createdBefore?: Date): Promise<number> {
  const result = await db
    .deleteFrom("app_session")
    .where((eb) =>
      createdBefore
        ? eb.or([eb("expires_at", "<=", now), eb("created_at", "<=", createdBefore)])
        : eb("expires_at", "<=", now),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Takes a pre-login row (deleted as it is read, so a callback can use it once); undefined when it does
 * not exist, belongs to a signed-in session, or has expired.
 */
export async function takePreLogin(
  db: Db,
  idHash: string,
  now: Date,
): Promise<Record<string, unknown> | undefined> {
  const row = await db
    .deleteFrom("app_session")
    .where("id_hash", "=", idHash)
    .where("user_id", "is", null)
    .returning(["data", "expires_at"])
    .executeTakeFirst();
  if (!row || new Date(row.expires_at) <= now) return undefined;
  return parseData(row.data);
}

function parseData(data: unknown): Record<string, unknown> {
  return (typeof data === "string" ? JSON.parse(data) : data) as Record<string, unknown>;
}
