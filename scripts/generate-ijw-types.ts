import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ijwSchemas } from "../src/ijw/schemas.ts";
import { generateMessageTypes } from "../src/ijw/typegen.ts";

// Writes src/ijw/messages.generated.ts from the XSDs; `npm test` fails when the committed file is stale.
const target = fileURLToPath(new URL("../src/ijw/messages.generated.ts", import.meta.url));
writeFileSync(target, generateMessageTypes(ijwSchemas()));
console.log(`geschreven: ${target}`);
