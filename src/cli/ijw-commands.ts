import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { today } from "../domain/dates.ts";
import { MESSAGE_RULES } from "../ijw/message-rules.ts";
import { validateMessage } from "../ijw/validate-message.ts";
import { compiledRegionFor } from "../rules/region-for.ts";
import {
  answerRequest,
  type ExchangeContext,
  type ImportOutcome,
  type ImportStatus,
  importMessage,
  markExported,
  pendingOutgoing,
} from "../store/ijw.ts";
import { InputError, parseIsoDateOption } from "./input.ts";
import { withStore } from "./registry-commands.ts";
import { MESSAGE_NAMES } from "../ijw/message-names.ts";

/** iJw 3.2 messages on the command line: checking a message file as the receiving side would. */

const STAGE_TEXT = { bestand: "Bestand", xml: "XML", xsd: "XSD" } as const;

/** GGK and VECOZO refuse files over 25 MB (IB003); so do we, before reading them. */
const MAX_FILE_BYTES = 25 * 1024 * 1024;

/** The .xml files a list of files and folders names, folders read in name order (an inbox). */
function messageFiles(paths: string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      throw new InputError(`${path} bestaat niet`);
    }
    if (stat.isDirectory())
      files.push(
        ...readdirSync(path)
          .filter((f) => f.toLowerCase().endsWith(".xml"))
          .sort()
          .map((f) => join(path, f)),
      );
    else files.push(path);
  }
  return files;
}

const STATUS_TEXT: Record<ImportStatus, string> = {
  verwerkt: "verwerkt",
  afgekeurd: "afgekeurd met retourcodes",
  dubbel: "al eerder ontvangen",
  ongeldig: "ongeldig (geen retour)",
  "niet-voor-gemeente": "niet voor de gemeente",
};

function exchangeContext(todayOption?: string): ExchangeContext {
  return {
    today: todayOption ? parseIsoDateOption(todayOption, "--today") : today(),
    regionFor: compiledRegionFor,
    // The command line acts as the system: its audit records name no user.
    actor: null,
  };
}

function readBytes(file: string): Uint8Array {
  try {
    return readFileSync(file);
  } catch (e) {
    throw new InputError(
      `Kan ${file} niet lezen: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

export function addIjwCommands(program: Command, state: { exitCode: number }): void {
  const ijw = program.command("ijw").description("iJw 3.2-berichten (Jeugdwet berichtenverkeer)");
  ijw
    .command("validate")
    .description("Controleer berichtbestanden op XSD en berichtregels; toont retourcodes en regelteksten")
    .argument("<bestanden...>", "XML-bestanden")
    .option("--today <datum>", "datum van ontvangst (jjjj-mm-dd) voor de controle op de dagtekening")
    .action((files: string[], opts: { today?: string }) => {
      const ctx = { today: opts.today ? parseIsoDateOption(opts.today, "--today") : today() };
      for (const file of files) {
        const result = validateMessage(readBytes(file), ctx);
        const name = result.type ? `${result.type} (${MESSAGE_NAMES[result.type]})` : "onbekend bericht";
        console.log(`${file}: ${name}`);
        if (result.stage !== "regels") {
          console.log(
            `  ${STAGE_TEXT[result.stage]}: ongeldig — er komt geen retourbericht, de afzender krijgt een foutmelding.`,
          );
          for (const issue of result.issues)
            console.log(
              `  - ${issue.path}${issue.line ? ` (regel ${issue.line})` : ""}: ${issue.reason}${issue.value === undefined ? "" : ` (waarde ${JSON.stringify(issue.value)})`}`,
            );
          state.exitCode = 1;
          continue;
        }
        console.log("  XSD: geldig");
        if (result.findings.length === 0) {
          console.log("  Berichtregels: geen bevindingen");
          continue;
        }
        state.exitCode = 1;
        console.log(`  Berichtregels: ${result.findings.length} bevinding(en)`);
        for (const f of result.findings)
          console.log(`  - ${f.rule} · retourcode ${f.retourcode} · ${f.path}\n      ${f.text}`);
      }
    });
  ijw
    .command("rules")
    .description("Toon de berichtregels die Wegwijzer controleert, met hun retourcode")
    .action(() => {
      for (const rule of MESSAGE_RULES)
        console.log(`${rule.id}  ${rule.retourcode}  ${rule.types.join(",")}\n      ${rule.text}`);
    });

  ijw
    .command("import")
    .description(
      "Verwerk berichten (bestanden of een map als inbox), elk in één transactie; toont een samenvatting",
    )
    .argument("<paden...>", "XML-bestanden of mappen")
    .option("--today <datum>", "datum van ontvangst (jjjj-mm-dd)")
    .action(async (paths: string[], opts: { today?: string }) => {
      const files = messageFiles(paths);
      const ctx = exchangeContext(opts.today);
      const bar = process.stderr.isTTY
        ? new SingleBar({
            format: "iJw-berichten {bar} {value}/{total} {file}",
            stream: process.stderr,
            hideCursor: true,
          })
        : undefined;
      bar?.start(files.length, 0, { file: "" });
      const outcomes: { file: string; outcome: ImportOutcome }[] = [];
      await withStore(async (store) => {
        for (const file of files) {
          const size = statSync(file).size;
          const outcome: ImportOutcome =
            size > MAX_FILE_BYTES
              ? { status: "ongeldig", reasons: [`bestand is groter dan 25 MB (${size} bytes)`], produced: [] }
              : await importMessage(store, readBytes(file), ctx);
          outcomes.push({ file, outcome });
          bar?.increment(1, { file });
        }
      });
      bar?.stop();
      const counts = new Map<ImportStatus, number>();
      for (const { outcome } of outcomes) counts.set(outcome.status, (counts.get(outcome.status) ?? 0) + 1);
      const produced = outcomes.reduce((n, o) => n + o.outcome.produced.length, 0);
      console.log(
        `${outcomes.length} bericht(en): ${[...counts].map(([s, n]) => `${n} ${STATUS_TEXT[s]}`).join(", ") || "geen"}; ${produced} bericht(en) klaargezet in de outbox.`,
      );
      for (const { file, outcome } of outcomes) {
        const what = outcome.type
          ? `${outcome.type} ${outcome.identificatie ?? ""}`.trim()
          : "onbekend bericht";
        console.log(`- ${file}: ${what}: ${STATUS_TEXT[outcome.status]}`);
        for (const reason of outcome.reasons) console.log(`    ${reason}`);
        for (const p of outcome.produced) console.log(`    → ${p.type} ${p.identificatie}`);
      }
      if (outcomes.some((o) => o.outcome.status === "ongeldig" || o.outcome.status === "afgekeurd"))
        state.exitCode = 1;
    });

  ijw
    .command("export")
    .description("Schrijf de berichten in de outbox naar een map (één XML-bestand per bericht)")
    .requiredOption("--out <map>", "doelmap")
    .action(async (opts: { out: string }) => {
      mkdirSync(opts.out, { recursive: true });
      const written = await withStore(async (store) => {
        const pending = await pendingOutgoing(store);
        // Files first, then the mark: after a crash in between, the next export writes the same files again.
        for (const m of pending) writeFileSync(join(opts.out, `${m.type}_${m.identificatie}.xml`), m.xml);
        await markExported(
          store,
          pending.map((m) => m.id),
          { actor: null },
        );
        return pending;
      });
      console.log(`${written.length} bericht(en) geschreven naar ${opts.out}.`);
      for (const m of written) console.log(`- ${m.type}_${m.identificatie}.xml`);
    });

  ijw
    .command("answer")
    .description("Beantwoord een verzoek dat in onderzoek is: toewijzen (JW301) of afwijzen (JW319)")
    .requiredOption("--aanbieder <agb>", "AGB-code van de aanbieder")
    .requiredOption("--referentie <ref>", "ReferentieAanbieder van het verzoek")
    .option("--toewijzen", "wijs toe")
    .option("--segment <id>", "segment (bij een product zonder contractcode)")
    .option("--product <id>", "product (bij een product zonder contractcode)")
    .option("--afwijzen <reden>", "wijs af met reden 1–9 (WJ759)")
    .option("--gemeente <cbs>", "de verantwoordelijke gemeente bij reden 8 (woonplaatsbeginsel)")
    .option("--today <datum>", "datum van het antwoord (jjjj-mm-dd)")
    .action(
      async (opts: {
        aanbieder: string;
        referentie: string;
        toewijzen?: boolean;
        segment?: string;
        product?: string;
        afwijzen?: string;
        gemeente?: string;
        today?: string;
      }) => {
        if (Boolean(opts.toewijzen) === (opts.afwijzen !== undefined))
          throw new InputError("Kies precies één van --toewijzen en --afwijzen <reden>");
        if (opts.afwijzen !== undefined && !/^[1-9]$/.test(opts.afwijzen))
          throw new InputError(`--afwijzen: reden '${opts.afwijzen}' bestaat niet (1 t/m 9, lijst WJ759)`);
        if (opts.afwijzen === "8" && !/^\d{4}$/.test(opts.gemeente ?? ""))
          throw new InputError(
            "--gemeente: bij reden 8 (woonplaatsbeginsel) is de CBS-code van 4 cijfers verplicht",
          );
        const outcome = await withStore((store) =>
          answerRequest(
            store,
            {
              agb: opts.aanbieder,
              referentie: opts.referentie,
              decision: opts.toewijzen
                ? {
                    kind: "toewijzen",
                    ...(opts.segment ? { segment: opts.segment } : {}),
                    ...(opts.product ? { product: opts.product } : {}),
                  }
                : {
                    kind: "afwijzen",
                    reden: opts.afwijzen!,
                    ...(opts.gemeente ? { gemeente: opts.gemeente } : {}),
                  },
            },
            exchangeContext(opts.today),
          ),
        );
        for (const reason of outcome.reasons) console.log(reason);
        for (const p of outcome.produced) console.log(`→ ${p.type} ${p.identificatie} in de outbox`);
      },
    );
}
