import type { Kysely } from "kysely";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("allocation").addColumn("request", "text").execute();
}
export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("allocation").dropColumn("request").execute();
}
