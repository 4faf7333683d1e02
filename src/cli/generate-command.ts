import type { Command } from "commander";
import { SingleBar } from "cli-progress";
import { GenerateError, generateIntoStore } from "../store/generate.ts";
import { InputError } from "./input.ts";
import { withStore } from "./registry-commands.ts";

const MAX_CLIENTS = 1_000_000;

function wholeNumber(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^-?\d+$/.test(text) || n < min || n > max) {
    throw new InputError(`--${name}: '${text}' moet een geheel getal van ${min} tot en met ${max} zijn`);
  }
  return n;
}

/** `generate`: a synthetic, deterministic registry year (issue 8); see src/monitoring/generate.ts. */
export function addGenerateCommand(program: Command): void {
  program
    .command("generate")
    .description("Vul de registratie met een synthetisch jaar (test-BSN's, vast per seed)")
    .requiredOption("--clients <aantal>", "aantal cliënten")
    .requiredOption("--year <jaar>", "het jaar (JJJJ)")
    .option("--regions <ids>", "regio's, met komma's gescheiden (standaard: alle met gemeenten en segmenten)")
    .option("--seed <getal>", "seed: dezelfde seed geeft dezelfde gegevens", "1")
    .action(async (opts: { clients: string; year: string; regions?: string; seed: string }) => {
      // A national year is some 500,000 clients; twice that bounds a typing error's cost. Clients past the
      // 90,909 test BSNs get none (src/store/migrations/0014-client-without-bsn.ts).
      const clients = wholeNumber("clients", opts.clients, 1, MAX_CLIENTS);
      const year = wholeNumber("year", opts.year, 2015, 2100);
      const seed = wholeNumber("seed", opts.seed, 0, 2 ** 31 - 1);
      const regions = opts.regions
        ?.split(",")
        .map((r) => r.trim())
        .filter(Boolean);
      const bar = process.stdout.isTTY
        ? new SingleBar({
            format: "Genereren {bar} {value}/{total} cliënten",
            stream: process.stderr,
            hideCursor: true,
          })
        : undefined;
      bar?.start(clients, 0);
      try {
        const s = await withStore((store) =>
          generateIntoStore(store, {
            clients,
            year,
            seed,
            ...(regions ? { regions } : {}),
            onProgress: (done) => bar?.update(done),
          }),
        );
        bar?.stop();
        console.log(`Gegenereerd voor ${year} (seed ${seed}) in ${s.regions.join(", ")}:`);
        console.log(`  cliënten:           ${s.clients}`);
        if (s.clientsWithoutBsn > 0) {
          console.log(`    waarvan zonder BSN: ${s.clientsWithoutBsn} (er zijn maar 90909 test-BSN's)`);
        }
        console.log(`  verwijzingen:       ${s.referrals}`);
        console.log(`  aanbieders:         ${s.providers} (${s.contracts} contracten)`);
        console.log(`  toewijzingen:       ${s.allocations}`);
        console.log(`  start/stop:         ${s.deliveryReports}`);
        console.log(`  declaraties:        ${s.declarations}`);
        console.log(`  declaratieregels:   ${s.declarationLines}`);
        console.log(`  tijd:               ${(s.millis / 1000).toFixed(1)} s`);
      } catch (e) {
        bar?.stop();
        if (e instanceof GenerateError || e instanceof RangeError) throw new InputError(e.message);
        throw e;
      }
    });
}
