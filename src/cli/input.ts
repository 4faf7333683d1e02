import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";

/** A refusal of the user's input: the CLI prints the message and exits with code 2. */
export class InputError extends Error {
  override name = "InputError";
}

export function readText(fileOrDash: string): string {
  if (fileOrDash === "-") {
    try {
      return readFileSync(0, "utf8");
    } catch (e) {
      throw new InputError(`Kan de casus niet van standaardinvoer lezen: ${(e as Error).message}`);
    }
  }
  try {
    return readFileSync(fileOrDash, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === "ENOENT"
        ? "het bestand bestaat niet"
        : code === "EISDIR"
          ? "dit is een map"
          : (e as Error).message;
    throw new InputError(`Kan het casusbestand '${fileOrDash}' niet lezen: ${why}`);
  }
}

/** JSON by default; YAML for .yaml/.yml files, which professionals find easier to write by hand. */
export function parseCaseText(text: string, name: string): unknown {
  if (/\.ya?ml$/i.test(name)) {
    try {
      return parseYaml(text);
    } catch (e) {
      throw new InputError(
        `De casus in '${name}' is geen geldige YAML: ${(e as Error).message.split("\n")[0]}`,
      );
    }
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(
      `De casus${name === "-" ? "" : ` in '${name}'`} is geen geldige JSON: ${(e as Error).message}`,
    );
  }
}

export function parseIsoDateOption(value: string, option: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new InputError(`${option} moet een datum zijn in de vorm JJJJ-MM-DD, niet '${value}'`);
  }
  const [y, m, d] = value.split("-").map(Number);
  const date = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1));
  if (date.getUTCMonth() + 1 !== m || date.getUTCDate() !== d) {
    throw new InputError(`${option}: '${value}' bestaat niet als datum`);
  }
  return value;
}
