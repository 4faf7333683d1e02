import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ijwSchemas } from "../src/ijw/schemas.ts";
import { generateMessageTypes } from "../src/ijw/typegen.ts";

describe("the message types in src/ijw/messages.generated.ts", () => {
  it("are exactly what the XSDs generate (run `npm run ijw:types` after changing them)", () => {
    const committed = readFileSync(new URL("../src/ijw/messages.generated.ts", import.meta.url), "utf8");
    expect(committed).toBe(generateMessageTypes(ijwSchemas()));
  });
});
