import { describe, expect, it } from "vitest";
import { formatFinding } from "../src/rules/check/format.ts";
import { checkRegion } from "../src/rules/check/index.ts";

describe("the region models in regions/ pass the static checker", () => {
  it.each(["jeugdwet", "hart-van-brabant"])("%s has no error findings", (id) => {
    const errors = checkRegion(id).filter((f) => f.severity === "error");
    // Printed in full, so a failing run says what to fix.
    expect(errors.map(formatFinding)).toEqual([]);
  });
});
