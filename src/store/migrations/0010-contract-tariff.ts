import type { Kysely } from "kysely";

/**
 * The tariff agreed in a contract, in euro cents per unit of the product: a declared ProductTarief must
 * equal it (TR418, retour code 0611). Null where the contract names no tariff (then nothing to compare).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("contract").addColumn("tariff", "numeric").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("contract").dropColumn("tariff").execute();
}
