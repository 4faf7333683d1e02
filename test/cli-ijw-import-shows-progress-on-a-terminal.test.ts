import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * On a terminal `ijw import` shows a progress bar while it works; piped into a file it prints only the
 * summary. The terminal comes from `script` (util-linux, part of every Debian system).
 */

const root = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "wegwijzer-ijw-tty-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, "in"));
for (const f of ["JW315-volledig.xml", "JW305-minimaal.xml"])
  copyFileSync(join(root, "test", "fixtures", "ijw", f), join(dir, "in", f));

const command = `node --import tsx src/cli/main.ts ijw import ${join(dir, "in")} --today 2026-03-02`;

describe("ijw import on a terminal", () => {
  it("draws a progress bar up to the number of files, then the summary", () => {
    const run = spawnSync("script", ["-qec", command, "/dev/null"], {
      cwd: root,
      env: { ...process.env, DATA_DIR: join(dir, "tty") },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.error).toBeUndefined();
    expect(run.stdout).toMatch(/iJw-berichten =+ 2\/2/);
    expect(run.stdout).toContain("2 bericht(en): 1 afgekeurd met retourcodes, 1 verwerkt");
  });

  it("prints no progress bar when the output is not a terminal", () => {
    const run = spawnSync("node", ["--import", "tsx", "src/cli/main.ts", ...command.split(" ").slice(4)], {
      cwd: root,
      env: { ...process.env, DATA_DIR: join(dir, "pipe") },
      encoding: "utf8",
      timeout: 120_000,
    });
    expect(run.stdout + run.stderr).not.toContain("iJw-berichten");
    expect(run.stdout).toContain("2 bericht(en)");
  });
});
