import { type Kysely, sql } from "kysely";

/**
 * A client may be registered without a BSN. A national synthetic year (issue 8: 500,000 clients) needs
 * more clients than there are test BSNs (90,909 in the 999 range that pass the elfproef), and real data
 * may never hold invented numbers. So the generator leaves the BSN out for the clients past that count;
 * such a client can be counted and reported on, but no BSN search finds it and no iJw message is made
 * for it. The unique index on bsn_hmac still holds: PostgreSQL lets any number of rows be null.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table client alter column bsn_hmac drop not null, alter column bsn_cipher drop not null`.execute(
    db,
  );
  // Both or neither: a hash without its cipher (or the other way round) is a half-written client.
  await sql`alter table client add constraint client_bsn_whole
              check ((bsn_hmac is null) = (bsn_cipher is null))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table client drop constraint client_bsn_whole`.execute(db);
  await sql`alter table client alter column bsn_hmac set not null, alter column bsn_cipher set not null`.execute(
    db,
  );
}
