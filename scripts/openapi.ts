import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { buildServer } from "../src/server/app.ts";
import { openStore } from "../src/store/database.ts";

/**
 * Writes the OpenAPI document the server generates from its routes (to the file named, or standard
 * output), so `npm run lint:openapi` lints exactly what /api/openapi.json serves. Nothing is committed:
 * the code is the source. With an (empty, in-memory) registry, so the login routes are in it too.
 */
const store = await openStore({ dataDir: "memory://" });
const app = await buildServer({ store });
const response = await app.inject({ method: "GET", url: "/api/openapi.json" });
await app.close();
await store.close();
if (response.statusCode !== 200) {
  console.error(`Het OpenAPI-document kwam niet: status ${response.statusCode}`);
  process.exit(1);
}
const text = `${JSON.stringify(response.json(), null, 2)}\n`;
const out = process.argv[2];
if (out) {
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
} else {
  process.stdout.write(text);
}
