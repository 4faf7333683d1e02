import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { onCleanUp } from "./cleanup.ts";

/**
 * Child processes of the bench (the HTTP servers, the cold start-up): `node --import tsx <file>` from
 * the project folder, killed at cleanup if still running, so the bench always stops by itself.
 */

export const projectRoot = join(import.meta.dirname, "..");

export interface Child {
  process: ChildProcess;
  /** Resolves with the first stdout line that matches, or rejects on exit or timeout. */
  line(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** Everything the child printed on stdout. */
  stdout(): string;
  /** Resolves with the exit code once the child ended. */
  exited: Promise<number | null>;
  stop(): Promise<void>;
}

export function startChild(file: string, args: string[] = []): Child {
  const child = spawn(process.execPath, ["--import", "tsx", join(projectRoot, file), ...args], {
    cwd: projectRoot,
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => (out += chunk));
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (err += chunk));
  const exited = new Promise<number | null>((done) => child.on("close", (code) => done(code)));
  const stop = onCleanUp(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  });
  const line = (pattern: RegExp, timeoutMs: number) =>
    new Promise<RegExpExecArray>((done, fail) => {
      const check = () => {
        for (const l of out.split("\n")) {
          const m = pattern.exec(l);
          if (m) {
            finish();
            done(m);
            return;
          }
        }
      };
      const onExit = (code: number | null) => {
        finish();
        fail(
          new Error(`${file} ended (exit ${code}) before printing ${pattern}: ${err.trim().slice(-2000)}`),
        );
      };
      const timer = setTimeout(() => {
        finish();
        fail(new Error(`${file} printed no ${pattern} within ${timeoutMs} ms: ${err.trim().slice(-2000)}`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        child.stdout.off("data", check);
        child.off("close", onExit);
      };
      child.stdout.on("data", check);
      child.on("close", onExit);
      check();
    });
  return { process: child, line, stdout: () => out, exited, stop };
}
