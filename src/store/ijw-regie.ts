import { randomUUID } from "node:crypto";
import type { Parties } from "../ijw/build.ts";
import type { RuleFinding } from "../ijw/message-rules.ts";
import type { Berichten, CDT_Product } from "../ijw/messages.generated.ts";
import {
  afterEffect,
  findingOf,
  type IncomingReport,
  judgeReport,
  type KnownReport,
  type RegieEffect,
  type RegieLink,
  TEMPORARY_STOP,
} from "../ijw/regie.ts";
import type { Store } from "./database.ts";
import type { ExchangeContext, Handled, Tx } from "./ijw.ts";
import { registerClientIn } from "./registry.ts";

/**
 * Start (JW305) and stop (JW307) of care at the municipality: each StartProduct/StopProduct is linked to
 * its allocation (or to the task-based key), judged by the rules in ../ijw/regie.ts against the reports
 * already received, and only when every product of the message passes are the reports written (a delete,
 * StatusAanlevering 3, marks the earlier report withdrawn). Products of one message are judged in order
 * on the state the earlier ones leave, so "delete, then new" can come in one message.
 *
 * Task-based care (no ToewijzingNummer; key Product + Begindatum, IV096): start and stop messages are
 * optional there and need a bilateral agreement. This municipality accepts them from any provider, as
 * long as the client has no allocation with this provider for this product that is not task-based (that
 * one has a ToewijzingNummer, which the report must then name, TR019). An unknown client is registered,
 * since with task-based care the provider decides access and the start is how the municipality learns of
 * the client. Task-based reports are not linked to an allocation, even when the registry has a
 * task-based one: the key is the product, not the allocation.
 */

interface Item {
  path: string;
  toewijzingNummer?: number;
  incoming: IncomingReport;
}

interface Scope {
  key: string;
  link: RegieLink;
  allocationId: string | null;
  category: string | null;
  code: string | null;
  /** For the texts: the registry number, or the product of task-based care. */
  label: string;
}

const productText = (category: string | null, code: string | null) =>
  category ? `${category}${code ? `/${code}` : ""}` : "generiek";

export async function handleStart(
  tx: Tx,
  store: Store,
  bericht: Berichten["JW305"],
  messageId: string,
  parties: Parties,
  ctx: ExchangeContext,
): Promise<Handled> {
  const items = bericht.Client.StartProducten.StartProduct.map((p, i): Item => ({
    path: `Client/StartProducten/StartProduct[${i + 1}]`,
    ...(p.ToewijzingNummer === undefined ? {} : { toewijzingNummer: p.ToewijzingNummer }),
    incoming: {
      kind: "start",
      status: p.StatusAanlevering,
      beginDate: p.Begindatum,
      ...(p.Product ? { product: p.Product } : {}),
    },
  }));
  return handleReports(tx, store, bericht.Client, items, messageId, parties, ctx);
}

export async function handleStop(
  tx: Tx,
  store: Store,
  bericht: Berichten["JW307"],
  messageId: string,
  parties: Parties,
  ctx: ExchangeContext,
): Promise<Handled> {
  const items = bericht.Client.StopProducten.StopProduct.map((p, i): Item => ({
    path: `Client/StopProducten/StopProduct[${i + 1}]`,
    ...(p.ToewijzingNummer === undefined ? {} : { toewijzingNummer: p.ToewijzingNummer }),
    incoming: {
      kind: "stop",
      status: p.StatusAanlevering,
      beginDate: p.Begindatum,
      endDate: p.Einddatum,
      reason: p.RedenBeeindiging,
      ...(p.Product ? { product: p.Product } : {}),
    },
  }));
  return handleReports(tx, store, bericht.Client, items, messageId, parties, ctx);
}

async function handleReports(
  tx: Tx,
  store: Store,
  client: { Bsn: string; Geboortedatum: { Datum: string } },
  items: Item[],
  messageId: string,
  parties: Parties,
  ctx: ExchangeContext,
): Promise<Handled> {
  // The client row is locked so two messages about one client are judged one after the other.
  const clientId = (
    await tx
      .selectFrom("client")
      .select("id")
      .where("bsn_hmac", "=", store.vault.lookupHash(client.Bsn))
      .forUpdate()
      .executeTakeFirst()
  )?.id;
  const states = new Map<string, { scope: Scope; reports: KnownReport[] }>();
  const findings: RuleFinding[] = [];
  const planned: { scope: Scope; effect: RegieEffect; id: string }[] = [];
  for (const item of items) {
    const scope = await scopeOf(tx, clientId, item, parties);
    let state = states.get(scope.key);
    if (!state) {
      state = { scope, reports: clientId ? await knownReports(tx, clientId, scope, parties) : [] };
      states.set(scope.key, state);
    }
    const decision = judgeReport(scope.link, state.reports, item.incoming);
    if (!decision.ok) {
      findings.push(findingOf(decision.rule, item.path));
      continue;
    }
    const id = decision.effect.kind === "add" ? randomUUID() : decision.effect.report.id;
    state.reports = afterEffect(state.reports, decision.effect, id);
    planned.push({ scope: state.scope, effect: decision.effect, id });
  }
  if (findings.length > 0) return { findings, ...(clientId ? { clientId } : {}), done: [], then: [] };

  const owner =
    clientId ??
    (
      await registerClientIn(tx, store.vault, {
        bsn: client.Bsn,
        municipality: parties.gemeente,
        birthDate: client.Geboortedatum.Datum,
      })
    ).id;
  const done: string[] = [];
  for (const { scope, effect, id } of planned) {
    if (effect.kind === "withdraw") {
      await tx
        .updateTable("delivery_report")
        .set({ withdrawn_on: ctx.today, withdrawn_by: messageId })
        .where("id", "=", id)
        .execute();
      done.push(`${effect.report.kind} ${scope.label} met begindatum ${effect.report.beginDate} verwijderd`);
      continue;
    }
    const r = effect.report;
    await tx
      .insertInto("delivery_report")
      .values({
        id,
        kind: r.kind,
        municipality: parties.gemeente,
        provider_agb: parties.agb,
        client_id: owner,
        allocation_id: scope.allocationId,
        product_category: scope.category,
        product_code: scope.code,
        begin_date: r.beginDate,
        end_date: r.endDate ?? null,
        reason: r.reason ?? null,
        reported_on: ctx.today,
        message_id: messageId,
      })
      .execute();
    done.push(
      r.kind === "start"
        ? `start ${scope.label} per ${r.beginDate} vastgelegd`
        : `${r.reason === TEMPORARY_STOP ? "tijdelijke stop" : "stop"} ${scope.label} per ${r.endDate} (reden ${r.reason}) vastgelegd`,
    );
  }
  return { findings: [], clientId: owner, done, then: [] };
}

/** Which allocation (or task-based key) a report belongs to, and how it links. */
async function scopeOf(tx: Tx, clientId: string | undefined, item: Item, parties: Parties): Promise<Scope> {
  const product: CDT_Product | undefined = item.incoming.product;
  const category = product?.Categorie ?? null;
  const code = product?.Code ?? null;
  const unlinked = (key: string): Scope => ({
    key: `geen|${key}`,
    link: { kind: "none" },
    allocationId: null,
    category,
    code,
    label: key,
  });
  if (item.toewijzingNummer !== undefined) {
    const number = `T${item.toewijzingNummer}`;
    const allocation = clientId
      ? await tx
          .selectFrom("allocation")
          .select(["id", "number", "ijw_category", "ijw_code", "start_date", "end_date"])
          .where("number", "=", number)
          .where("client_id", "=", clientId)
          .where("provider_agb", "=", parties.agb)
          .where("municipality", "=", parties.gemeente)
          // The same lock the registry takes when a person records a start (recordStart).
          .forUpdate()
          .executeTakeFirst()
      : undefined;
    if (!allocation) return unlinked(`toewijzing ${item.toewijzingNummer}`);
    return {
      key: `toewijzing|${allocation.id}`,
      link: {
        kind: "allocation",
        allocation: {
          category: allocation.ijw_category,
          code: allocation.ijw_code,
          startDate: allocation.start_date,
          endDate: allocation.end_date,
        },
      },
      allocationId: allocation.id,
      category: allocation.ijw_category,
      code: allocation.ijw_code,
      label: allocation.number,
    };
  }
  const label = `taakgericht product ${productText(category, code)}`;
  if (clientId) {
    const allocated = await tx
      .selectFrom("allocation")
      .select("number")
      .where("client_id", "=", clientId)
      .where("provider_agb", "=", parties.agb)
      .where("municipality", "=", parties.gemeente)
      .where("task_based", "=", false)
      .where((eb) => (category === null ? eb("ijw_category", "is", null) : eb("ijw_category", "=", category)))
      .where((eb) => (code === null ? eb("ijw_code", "is", null) : eb("ijw_code", "=", code)))
      .executeTakeFirst();
    if (allocated) return unlinked(label);
  }
  return {
    key: `taak|${category}|${code}`,
    link: { kind: "task" },
    allocationId: null,
    category,
    code,
    label,
  };
}

async function knownReports(
  tx: Tx,
  clientId: string,
  scope: Scope,
  parties: Parties,
): Promise<KnownReport[]> {
  if (scope.link.kind === "none") return [];
  let query = tx
    .selectFrom("delivery_report")
    .select(["id", "kind", "begin_date", "end_date", "reason"])
    .where("withdrawn_on", "is", null);
  query =
    scope.allocationId !== null
      ? query.where("allocation_id", "=", scope.allocationId)
      : query
          .where("allocation_id", "is", null)
          .where("client_id", "=", clientId)
          .where("provider_agb", "=", parties.agb)
          .where("municipality", "=", parties.gemeente)
          .where((eb) =>
            scope.category === null
              ? eb("product_category", "is", null)
              : eb("product_category", "=", scope.category),
          )
          .where((eb) =>
            scope.code === null ? eb("product_code", "is", null) : eb("product_code", "=", scope.code),
          );
  const rows = await query.orderBy("begin_date").orderBy("created_at").execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    beginDate: r.begin_date,
    ...(r.end_date === null ? {} : { endDate: r.end_date }),
    ...(r.reason === null ? {} : { reason: r.reason }),
  }));
}
