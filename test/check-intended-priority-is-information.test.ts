import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { checkRegion } from "../src/rules/check/index.ts";

const fixture = join(import.meta.dirname, "fixtures", "check", "overlap-first");
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it("reports a first-hit overlap as information once the decision says why its order is the policy's priority", () => {
  dir = mkdtempSync(join(tmpdir(), "wegwijzer-priority-"));
  cpSync(fixture, dir, { recursive: true });
  const file = join(dir, "regio", "decisions", "route.yaml");
  const text = readFileSync(file, "utf8");
  writeFileSync(
    file,
    text.replace("hitPolicy: first\n", "hitPolicy: first\npriorityReason: Crisis gaat altijd voor.\n"),
  );
  const overlaps = checkRegion("regio", dir).filter((f) => f.code === "OVERLAP_FIRST");
  expect(overlaps).toHaveLength(2);
  expect(
    overlaps.every((f) => f.severity === "info" && f.message.includes("Bedoeld: Crisis gaat altijd voor.")),
  ).toBe(true);
});
