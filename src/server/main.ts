import { startServer } from "./app.ts";

/**
 * `npm run serve`: the HTTP API on PORT (default 3000), on 127.0.0.1 unless HOST names another address.
 * The API has no login yet and serves no personal data; still, it listens on this machine only by default.
 */

function port(): number {
  const raw = process.env.PORT ?? "3000";
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 0 || n > 65535) {
    console.error(`PORT moet een poortnummer zijn (0 tot 65535), niet '${raw}'`);
    process.exit(2);
  }
  return n;
}

const { app, address } = await startServer({
  port: port(),
  host: process.env.HOST || "127.0.0.1",
  trustProxy: process.env.TRUST_PROXY === "true",
});
console.log(`Wegwijzer API: ${address}/api/v1 — documentatie op ${address}/api/docs`);

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void app.close().then(() => process.exit(0));
  });
}
