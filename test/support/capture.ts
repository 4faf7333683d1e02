import { afterEach, beforeEach, vi } from "vitest";
import { main } from "../../src/cli/program.ts";

/** Runs the CLI in-process and captures what it prints; call in a test file's top level. */
export function captureCli() {
  const io = { out: [] as string[], err: [] as string[] };
  beforeEach(() => {
    io.out = [];
    io.err = [];
    vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void io.out.push(a.join(" ")));
    vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void io.err.push(a.join(" ")));
    vi.spyOn(process.stdout, "write").mockImplementation(
      (s: string | Uint8Array) => io.out.push(String(s)) > 0,
    );
    vi.spyOn(process.stderr, "write").mockImplementation(
      (s: string | Uint8Array) => io.err.push(String(s)) > 0,
    );
  });
  afterEach(() => vi.restoreAllMocks());
  return {
    io,
    cli: (...args: string[]) => main(["node", "wegwijzer", ...args]),
    text: () => io.out.join("\n"),
    errors: () => io.err.join("\n"),
    json: () => JSON.parse(io.out.join("\n")),
  };
}
