import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import Fastify, { type FastifyInstance } from "fastify";
import { buildServer } from "../src/server/app.ts";
import { ADVICE_PATH, adviceBody } from "./http-request.ts";

/**
 * The servers of the HTTP row (bench/http.ts), in a process of their own so the load generator does
 * not share their event loop: the API as `npm start` builds it (without a registry, with the rate limit
 * raised out of the way), and a bare Fastify route that answers the same POST with the same advice as
 * plain JSON (no validation, no hooks, no plugins: the limit of Fastify on this machine). Both listen on
 * 127.0.0.1 on a free port; prints `READY <api port> <bare port>`, and stops on SIGTERM or when its
 * parent closes stdin.
 *
 *   node --import tsx bench/http-servers.ts
 */

async function main(): Promise<void> {
  const body = adviceBody();
  // A rate limit far above what one machine can send keeps the plugin in the path but never refuses.
  const api = await buildServer({ rateLimit: { max: 1_000_000_000, timeWindowMs: 60_000 } });
  const probe = await api.inject({
    method: "POST",
    url: ADVICE_PATH,
    headers: { "content-type": "application/json" },
    payload: body,
  });
  if (probe.statusCode !== 200) throw new Error(`advice answered ${probe.statusCode}: ${probe.body}`);
  const advice = JSON.parse(probe.body) as unknown;

  const bare: FastifyInstance = Fastify({ logger: false });
  bare.post(ADVICE_PATH, async () => advice);

  const apiAddress = await api.listen({ host: "127.0.0.1", port: 0 });
  const bareAddress = await bare.listen({ host: "127.0.0.1", port: 0 });
  const stop = () => {
    void Promise.allSettled([api.close(), bare.close()]).then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.stdin.on("end", stop);
  process.stdin.resume();
  const port = (address: string) => new URL(address).port;
  process.stdout.write(`READY ${port(apiAddress)} ${port(bareAddress)} ${probe.body.length}\n`);
}

// Only as the child (a module run by its path).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  });
}
