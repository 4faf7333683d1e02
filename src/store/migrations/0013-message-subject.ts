import type { Kysely } from "kysely";

/**
 * The keyed hash of the one BSN an incoming message is about (as client.bsn_hmac), also when the
 * registry could not link the message to a client (a refused request): destruction of a dossier then
 * finds and removes those messages too, with the retours that answer them. Null for a message about
 * several children (a declaration) or none.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("ijw_message").addColumn("subject_hmac", "text").execute();
  await db.schema.createIndex("ijw_message_subject").on("ijw_message").column("subject_hmac").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("ijw_message").dropColumn("subject_hmac").execute();
}
