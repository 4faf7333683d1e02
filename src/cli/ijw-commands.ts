import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { today } from "../domain/dates.ts";
import { validateMessage } from "../ijw/validate-message.ts";
import type { MessageType } from "../ijw/xsd-model.ts";
import { InputError, parseIsoDateOption } from "./input.ts";

/** iJw 3.2 messages on the command line: checking a message file as the receiving side would. */

export const MESSAGE_NAMES: Record<MessageType, string> = {
  JW301: "toewijzing",
  JW302: "retour toewijzing",
  JW305: "start zorg",
  JW306: "retour start zorg",
  JW307: "stop zorg",
  JW308: "retour stop zorg",
  JW315: "verzoek om toewijzing",
  JW316: "retour verzoek om toewijzing",
  JW317: "verzoek om wijziging",
  JW318: "retour verzoek om wijziging",
  JW319: "antwoordbericht",
  JW320: "retour antwoordbericht",
  JW323: "declaratie",
  JW325: "declaratie-antwoord",
};

const STAGE_TEXT = { bestand: "Bestand", xml: "XML", xsd: "XSD" } as const;

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
}
