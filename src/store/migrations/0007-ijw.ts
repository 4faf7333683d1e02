import { type Kysely, sql } from "kysely";

/**
 * iJw 3.2 message traffic. Every message in and out is kept, encrypted (it holds BSN, name and care):
 * the identity (type, sender, Identificatie) is unique per direction (TR056), so the same file imported
 * twice has one effect. Requests for allocation (VOT/VOW) are tracked per product with their answer
 * deadline. Contracts carry the iJw product category and code the provider and municipality agreed
 * (product codes are a contract matter), and allocations keep the iJw product and the provider's
 * reference they honour.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create sequence ijw_identificatie start 1`.execute(db);
  await db.schema
    .createTable("ijw_message")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("direction", "text", (c) => c.notNull().check(sql`direction in ('in', 'uit')`))
    .addColumn("type", "char(5)", (c) => c.notNull())
    .addColumn("sender", "text", (c) => c.notNull())
    .addColumn("receiver", "text", (c) => c.notNull())
    .addColumn("identificatie", "text", (c) => c.notNull())
    .addColumn("dagtekening", "date", (c) => c.notNull())
    .addColumn("content_hash", "text", (c) => c.notNull())
    .addColumn("body_cipher", "text", (c) => c.notNull())
    .addColumn("municipality", "char(4)", (c) => c.notNull())
    .addColumn("provider_agb", "char(8)", (c) => c.notNull())
    .addColumn("client_id", "uuid", (c) => c.references("client.id"))
    .addColumn("in_reply_to", "uuid", (c) => c.references("ijw_message.id"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("summary", "text", (c) => c.notNull())
    .addColumn("exported_at", "timestamptz")
    // The day the retour on an outgoing heenbericht arrived (OP090: within 3 working days).
    .addColumn("retour_on", "date")
    .addColumn("created_at", "timestamptz", (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint("ijw_message_identity", ["direction", "type", "sender", "identificatie"])
    .execute();
  await db.schema
    .createIndex("ijw_message_outbox")
    .on("ijw_message")
    .columns(["direction", "exported_at"])
    .execute();
  await db.schema
    .createTable("ijw_request")
    .addColumn("id", "uuid", (c) => c.primaryKey())
    .addColumn("message_id", "uuid", (c) => c.notNull().references("ijw_message.id"))
    .addColumn("kind", "text", (c) => c.notNull().check(sql`kind in ('vot', 'vow')`))
    .addColumn("municipality", "char(4)", (c) => c.notNull())
    .addColumn("provider_agb", "char(8)", (c) => c.notNull())
    .addColumn("client_id", "uuid", (c) => c.notNull().references("client.id"))
    .addColumn("referentie", "text", (c) => c.notNull())
    .addColumn("product_category", "text")
    .addColumn("product_code", "text")
    .addColumn("start_date", "date", (c) => c.notNull())
    .addColumn("end_date", "date")
    .addColumn("volume", "integer")
    .addColumn("unit", "text")
    .addColumn("frequency", "text")
    .addColumn("budget", "numeric")
    .addColumn("referrer_type", "text")
    .addColumn("status", "text", (c) =>
      c.notNull().check(sql`status in ('open', 'in_onderzoek', 'toegewezen', 'afgewezen')`),
    )
    .addColumn("received_on", "date", (c) => c.notNull())
    .addColumn("answer_due", "date", (c) => c.notNull())
    .addColumn("research_due", "date")
    .addColumn("reason", "text")
    .addColumn("allocation_id", "uuid", (c) => c.references("allocation.id"))
    .addColumn("answered_on", "date")
    .addUniqueConstraint("ijw_request_reference", ["provider_agb", "referentie"])
    .execute();
  await db.schema.alterTable("contract").addColumn("ijw_category", "text").execute();
  await db.schema.alterTable("contract").addColumn("ijw_code", "text").execute();
  await db.schema.alterTable("allocation").addColumn("ijw_category", "text").execute();
  await db.schema.alterTable("allocation").addColumn("ijw_code", "text").execute();
  await db.schema.alterTable("allocation").addColumn("referentie_aanbieder", "text").execute();
  await db.schema.alterTable("client").addColumn("personal_cipher", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("client").dropColumn("personal_cipher").execute();
  for (const column of ["referentie_aanbieder", "ijw_code", "ijw_category"])
    await db.schema.alterTable("allocation").dropColumn(column).execute();
  for (const column of ["ijw_code", "ijw_category"])
    await db.schema.alterTable("contract").dropColumn(column).execute();
  await db.schema.dropTable("ijw_request").ifExists().execute();
  await db.schema.dropTable("ijw_message").ifExists().execute();
  await sql`drop sequence if exists ijw_identificatie`.execute(db);
}
