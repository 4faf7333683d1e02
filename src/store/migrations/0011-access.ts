import { type Kysely, sql } from "kysely";
import { makeAppendOnly } from "./append-only.ts";

/**
 * Who may work in the registry and what they did (issue 6).
 *
 * - app_user: a professional with one role for one organisation. The relationship columns (municipality,
 *   provider, region + segment) decide which rows the role reaches (src/store/access.ts).
 * - app_session: server-side sessions; only a hash of the cookie's token is kept, so a copy of the
 *   database does not hold live sessions.
 * - audit_event: every read, search, write, export, message in/out, login and break-glass, one row per
 *   client concerned (Logboek Dataverwerkingen; NEN 7513). Append-only: a trigger refuses UPDATE, DELETE
 *   and TRUNCATE, and each row carries the hash of the row before it, so an edit made around the trigger
 *   is found by `audit verify`. Rows name the client by its registry id, never by BSN or content, so they
 *   can outlive a destroyed dossier.
 * - break_glass: an access outside the normal relationship, with its reason and end.
 * - referral.referred_by: the user who made the referral (a referrer sees its own referrals).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("app_user")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) =>
      c
        .notNull()
        .check(sql`role in ('toegang', 'verwijzer', 'aanbieder', 'coalitie', 'beleid', 'beheer', 'auditor')`),
    )
    .addColumn("organisation", "text", (c) => c.notNull())
    .addColumn("municipality", "char(4)")
    .addColumn("provider_agb", "char(8)")
    .addColumn("region_id", "text")
    .addColumn("segment", "text")
    .addColumn("oidc_subject", "text", (c) => c.unique())
    .addColumn("active", "boolean", (c) => c.notNull().defaultTo(true))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable("app_session")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.references("app_user.id"))
    .addColumn("data", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn("expires_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("app_session_expires").on("app_session").column("expires_at").execute();

  await db.schema
    .createTable("audit_event")
    .addColumn("seq", "bigint", (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn("id", "uuid", (c) => c.notNull().unique())
    .addColumn("at", "timestamptz", (c) => c.notNull())
    .addColumn("trace_id", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text")
    .addColumn("role", "text")
    .addColumn("organisation", "text")
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("resource", "text", (c) => c.notNull())
    .addColumn("resource_id", "text")
    .addColumn("client_id", "uuid")
    .addColumn("purpose", "text", (c) => c.notNull())
    .addColumn("reason", "text")
    .addColumn("outcome", "text", (c) =>
      c.notNull().check(sql`outcome in ('ok', 'geweigerd', 'niet-gevonden', 'fout')`),
    )
    .addColumn("detail", "jsonb", (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn("prev_hash", "text", (c) => c.notNull())
    .addColumn("hash", "text", (c) => c.notNull().unique())
    .execute();
  await db.schema.createIndex("audit_event_client").on("audit_event").columns(["client_id", "seq"]).execute();
  await db.schema.createIndex("audit_event_actor").on("audit_event").columns(["actor_id", "seq"]).execute();
  await makeAppendOnly(db, "audit_event");

  await db.schema
    .createTable("break_glass")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("app_user.id"))
    .addColumn("client_id", "uuid", (c) => c.notNull().references("client.id").onDelete("cascade"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("started_at", "timestamptz", (c) => c.notNull())
    .addColumn("ends_at", "timestamptz", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("break_glass_user")
    .on("break_glass")
    .columns(["user_id", "client_id"])
    .execute();

  await db.schema
    .alterTable("referral")
    .addColumn("referred_by", "text", (c) => c.references("app_user.id"))
    .execute();
  await db.schema.createIndex("referral_referred_by").on("referral").column("referred_by").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("referral").dropColumn("referred_by").execute();
  await db.schema.dropTable("break_glass").execute();
  await db.schema.dropTable("audit_event").execute();
  await sql`drop function audit_event_append_only()`.execute(db);
  await db.schema.dropTable("app_session").execute();
  await db.schema.dropTable("app_user").execute();
}
