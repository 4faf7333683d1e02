import type { Command } from "commander";
import { type IsoDate, today } from "../domain/dates.ts";
import type { Actor } from "../registry/access.ts";
import {
  DOSSIER_TYPES,
  policyFromEnv,
  REFUSAL_GROUND_IDS,
  REFUSAL_GROUNDS,
  REQUESTER_RELATIONS,
  RetentionConfigError,
  type RetentionPolicy,
} from "../registry/retention.ts";
import type { Store } from "../store/database.ts";
import {
  decideDestructionRequest,
  type DestructionRequestRecord,
  type DossierOverview,
  listDestructionLog,
  listDestructionRequests,
  requestDestruction,
  retentionOverview,
  runDestructionJob,
} from "../store/retention.ts";
import { getUser } from "../store/users.ts";
import { InputError, parseIsoDateOption } from "./input.ts";
import { withStore } from "./registry-commands.ts";

/**
 * Retention on the command line: the overview of destruction dates, the destruction job (with a dry run),
 * and destruction on request. Clients are shown by registry id only, never by BSN or name. Every
 * destruction needs two people: the job a confirming user (--bevestigd-door), a request a second user.
 */

function policy(): RetentionPolicy {
  try {
    return policyFromEnv();
  } catch (e) {
    if (e instanceof RetentionConfigError) throw new InputError(e.message);
    throw e;
  }
}

const dateOption = (value: string | undefined, option: string): IsoDate =>
  value === undefined ? today() : parseIsoDateOption(value, option);

/** A user by id who is still active: the person the command acts for. */
async function actor(store: Store, id: string, option: string): Promise<Actor> {
  const user = await getUser(store, id);
  if (!user) throw new InputError(`${option}: onbekende gebruiker '${id}'`);
  if (!user.active) throw new InputError(`${option}: gebruiker '${id}' is niet meer actief`);
  return user;
}

/** The rows removed; the ones kept without the link to the person (…_unlinked) are not counted. */
const removedRows = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([table]) => !table.endsWith("_unlinked"))
    .reduce((sum, [, n]) => sum + n, 0);

const typeName: Record<string, string> = { jeugdhulp: "jeugdhulp", toegang: "toegang (zonder zorg)" };

function dossierLine(d: DossierOverview): string {
  const when = d.running
    ? "zorg loopt nog, nog geen datum"
    : `vernietigen vanaf ${d.destructionDate}${d.due ? " (VERVALLEN)" : ""}`;
  return `${d.clientId}  ${typeName[d.type] ?? d.type}, laatste wijziging ${d.lastChange}: ${when}`;
}

function termsText(p: RetentionPolicy): string[] {
  return DOSSIER_TYPES.map(
    (t) => `- ${typeName[t]}: ${p[t].years} jaar na ${p[t].countsFrom} (${p[t].legalBasis}; ${p[t].envVar})`,
  );
}

function requestLine(r: DestructionRequestRecord): string {
  const decided =
    r.status === "open"
      ? `open, uiterlijk ${r.deadline}`
      : `${r.status} op ${r.decidedOn}${r.refusalGround ? ` (${r.refusalGround}: ${r.refusalReason})` : ""}`;
  return `${r.id}  dossier ${r.clientId}, gevraagd door ${r.relation} op ${r.requestedOn}: ${decided}`;
}

export function addRetentionCommands(program: Command, state: { exitCode: number }): void {
  const retention = program
    .command("bewaartermijn")
    .description("Bewaartermijnen van dossiers, vernietigen na de termijn en vernietigen op verzoek");

  retention
    .command("lijst")
    .description("Toon per dossier het soort dossier, de laatste wijziging en de vernietigingsdatum")
    .option("--datum <datum>", "de dag waarop u kijkt (JJJJ-MM-DD); standaard vandaag")
    .option("--vervallen", "alleen dossiers waarvan de vernietigingsdatum is bereikt")
    .option("--gemeente <cbs>", "alleen de dossiers van deze gemeente")
    .option("--format <format>", "json of text", "text")
    .action(async (opts: { datum?: string; vervallen?: boolean; gemeente?: string; format: string }) => {
      const on = dateOption(opts.datum, "--datum");
      const p = policy();
      const rows = await withStore((store) =>
        retentionOverview(store, {
          today: on,
          policy: p,
          ...(opts.vervallen ? { dueOnly: true } : {}),
          ...(opts.gemeente ? { municipality: opts.gemeente } : {}),
        }),
      );
      if (opts.format === "json") {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      const due = rows.filter((r) => r.due).length;
      console.log(
        [
          `Bewaartermijnen op ${on}:`,
          ...termsText(p),
          "",
          `${rows.length} dossier(s), waarvan ${due} vervallen.`,
          ...rows.map(dossierLine),
        ].join("\n"),
      );
    });

  retention
    .command("vernietig")
    .description("Vernietig alle dossiers waarvan de bewaartermijn is verstreken (eerst --droog)")
    .option("--datum <datum>", "de dag van de vernietiging (JJJJ-MM-DD); standaard vandaag")
    .option("--droog", "proefdraai: toon wat zou worden vernietigd en verander niets")
    .option("--door <gebruiker>", "wie de vernietiging start; zonder: het systeem")
    .option(
      "--bevestigd-door <gebruiker>",
      "de tweede persoon, die de lijst van de proefdraai heeft bevestigd",
    )
    .option("--gemeente <cbs>", "alleen de dossiers van deze gemeente")
    .action(
      async (opts: {
        datum?: string;
        droog?: boolean;
        door?: string;
        bevestigdDoor?: string;
        gemeente?: string;
      }) => {
        const on = dateOption(opts.datum, "--datum");
        const p = policy();
        if (!opts.droog && !opts.bevestigdDoor) {
          throw new InputError(
            "Vernietigen vraagt een tweede persoon: geef --bevestigd-door <gebruiker> (of kijk eerst met --droog)",
          );
        }
        const summary = await withStore(async (store) => {
          const base = { today: on, policy: p, ...(opts.gemeente ? { municipality: opts.gemeente } : {}) };
          if (opts.droog) return runDestructionJob(store, { ...base, dryRun: true });
          const by = opts.door ? await actor(store, opts.door, "--door") : null;
          const confirmedBy = await actor(store, opts.bevestigdDoor ?? "", "--bevestigd-door");
          return runDestructionJob(store, { ...base, by, confirmedBy });
        });
        if (summary.dryRun) {
          console.log(
            [
              `Proefdraai op ${on}: ${summary.due.length} dossier(s) zouden worden vernietigd. Er is niets veranderd.`,
              ...summary.due.map(
                (d) => `- ${d.clientId}  ${typeName[d.type]}, ${d.legalBasis}, vanaf ${d.destructionDate}`,
              ),
            ].join("\n"),
          );
          return;
        }
        console.log(
          [
            `Vernietigd op ${on}: ${summary.destroyed.length} dossier(s); overgeslagen: ${summary.skipped.length}; mislukt: ${summary.failed.length}.`,
            ...summary.destroyed.map(
              (d) =>
                `- ${d.clientId}  ${typeName[d.dossierType]}, ${d.legalBasis}; ${removedRows(d.counts)} regels verwijderd (logboek ${d.logId})`,
            ),
            ...summary.skipped.map((s) => `- overgeslagen ${s.clientId}: ${s.reason}`),
            ...summary.failed.map((f) => `- MISLUKT ${f.clientId}: ${f.error}`),
          ].join("\n"),
        );
        if (summary.failed.length > 0) state.exitCode = 1;
      },
    );

  retention
    .command("verzoek")
    .description("Leg een verzoek om vernietiging vast (termijn: 3 maanden, Jeugdwet art. 7.3.9)")
    .argument("<client-id>", "het id van de cliënt in het register")
    .requiredOption("--relatie <relatie>", `wie het vraagt: ${REQUESTER_RELATIONS.join(", ")}`)
    .requiredOption("--door <gebruiker>", "de medewerker die het verzoek vastlegt")
    .option("--datum <datum>", "de dag van het verzoek (JJJJ-MM-DD); standaard vandaag")
    .action(async (clientId: string, opts: { relatie: string; door: string; datum?: string }) => {
      const requestedOn = dateOption(opts.datum, "--datum");
      const r = await withStore(async (store) =>
        requestDestruction(store, {
          clientId,
          requestedOn,
          relation: opts.relatie,
          by: await actor(store, opts.door, "--door"),
        }),
      );
      console.log(
        `Verzoek ${r.id} vastgelegd voor dossier ${r.clientId}. Besluiten en uitvoeren uiterlijk ${r.deadline}; een andere medewerker besluit (bewaartermijn besluit ${r.id} ...).`,
      );
    });

  retention
    .command("besluit")
    .description("Besluit over een verzoek: goedkeuren (vernietigt direct) of weigeren met grond en reden")
    .argument("<verzoek-id>", "het id van het verzoek")
    .option("--goedkeuren", "keur goed en vernietig het dossier nu")
    .option("--weigeren <reden>", "weiger, met een uitleg voor de verzoeker")
    .option("--grond <grond>", `de wettelijke grond van een weigering: ${REFUSAL_GROUND_IDS.join(", ")}`)
    .requiredOption("--door <gebruiker>", "de medewerker die besluit (niet wie het verzoek vastlegde)")
    .option("--datum <datum>", "de dag van het besluit (JJJJ-MM-DD); standaard vandaag")
    .action(
      async (
        requestId: string,
        opts: { goedkeuren?: boolean; weigeren?: string; grond?: string; door: string; datum?: string },
      ) => {
        if (Boolean(opts.goedkeuren) === (opts.weigeren !== undefined))
          throw new InputError("Kies --goedkeuren of --weigeren <reden>");
        if (opts.weigeren !== undefined && !opts.grond)
          throw new InputError(`Een weigering noemt een grond: --grond ${REFUSAL_GROUND_IDS.join(" of ")}`);
        const on = dateOption(opts.datum, "--datum");
        const p = policy();
        const outcome = await withStore(async (store) => {
          const by = await actor(store, opts.door, "--door");
          return opts.goedkeuren
            ? decideDestructionRequest(store, { requestId, by, on, policy: p, approve: true })
            : decideDestructionRequest(store, {
                requestId,
                by,
                on,
                policy: p,
                refuse: { ground: opts.grond ?? "", reason: opts.weigeren ?? "" },
              });
        });
        if (outcome.destruction) {
          console.log(
            `Verzoek ${requestId} goedgekeurd: dossier ${outcome.destruction.clientId} is vernietigd (logboek ${outcome.destruction.logId}).`,
          );
        } else {
          const ground = REFUSAL_GROUNDS[outcome.request.refusalGround as keyof typeof REFUSAL_GROUNDS];
          console.log(`Verzoek ${requestId} geweigerd: ${ground?.text ?? outcome.request.refusalGround}.`);
        }
      },
    );

  retention
    .command("verzoeken")
    .description("Toon de verzoeken om vernietiging; standaard alleen de open verzoeken, met hun termijn")
    .option("--alle", "ook besloten verzoeken")
    .option("--format <format>", "json of text", "text")
    .action(async (opts: { alle?: boolean; format: string }) => {
      const rows = await withStore((store) =>
        listDestructionRequests(store, opts.alle ? {} : { status: "open" }),
      );
      if (opts.format === "json") {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      console.log(
        rows.length === 0
          ? "Geen verzoeken."
          : [`${rows.length} verzoek(en):`, ...rows.map(requestLine)].join("\n"),
      );
    });

  retention
    .command("logboek")
    .description(
      "Toon het logboek van vernietigde dossiers (ids, datums, grondslag en aantallen; geen inhoud)",
    )
    .option("--format <format>", "json of text", "text")
    .action(async (opts: { format: string }) => {
      const rows = await withStore((store) => listDestructionLog(store));
      if (opts.format === "json") {
        console.log(JSON.stringify(rows, null, 2));
        return;
      }
      console.log(
        rows.length === 0
          ? "Nog geen dossiers vernietigd."
          : rows
              .map(
                (r) =>
                  `${r.destroyedAt}  dossier ${r.clientId} (${r.dossierType}, ${r.reason}; ${r.legalBasis}); door ${r.destroyedBy ?? "systeem"}, bevestigd door ${r.confirmedBy}`,
              )
              .join("\n"),
      );
    });
}
