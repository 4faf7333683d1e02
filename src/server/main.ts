import { ensureDemoData } from "../cli/registry-commands.ts";
import { openStore, storeOptionsFromEnv } from "../store/database.ts";
import { DEMO_USER_IDS } from "../store/demo-users.ts";
import { listUsers } from "../store/users.ts";
import { DEFAULT_PROVIDER_GRACE_DAYS } from "../registry/access.ts";
import { startServer } from "./app.ts";
import { type OidcOptions, oidcProblems } from "./auth/oidc.ts";
import { DEFAULT_WEB_ROOT } from "./web.ts";

/**
 * `npm start`: the HTTP API on PORT (default 3000), on 127.0.0.1 unless HOST names another address, with
 * the registry (PGlite in DATA_DIR, or DATABASE_URL).
 *
 * Demo mode (no OIDC_ISSUER, the embedded database, and listening on this machine only, or
 * WEGWIJZER_DEMO=true): the demo data and demo users are loaded on the first start and anyone who can
 * reach the server can sign in as a demo user. With OIDC_ISSUER set, or on
 * a PostgreSQL server, there is no demo login and no demo data: a real registry never gets users
 * without a password.
 */

const env = process.env;

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

function port(): number {
  const raw = env.PORT ?? "3000";
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 0 || n > 65535)
    fail(`PORT moet een poortnummer zijn (0 tot 65535), niet '${raw}'`);
  return n;
}

function minutes(name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback * 60_000;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    fail(`${name} moet een aantal minuten zijn (1 of meer), niet '${raw}'`);
  return Number(raw) * 60_000;
}

function oidcFromEnv(): OidcOptions | undefined {
  if (!env.OIDC_ISSUER) return undefined;
  const options: OidcOptions = {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID ?? "",
    redirectUri: env.OIDC_REDIRECT_URI ?? "",
    ...(env.OIDC_CLIENT_SECRET ? { clientSecret: env.OIDC_CLIENT_SECRET } : {}),
    ...(env.OIDC_SCOPES ? { scopes: env.OIDC_SCOPES } : {}),
  };
  const problems = oidcProblems(options);
  if (problems.length > 0) fail(`OpenID Connect is niet goed ingesteld:\n- ${problems.join("\n- ")}`);
  return options;
}

function graceDays(): number {
  const raw = env.PROVIDER_GRACE_DAYS;
  if (raw === undefined || raw === "") return DEFAULT_PROVIDER_GRACE_DAYS;
  if (!/^\d{1,4}$/.test(raw))
    fail(`PROVIDER_GRACE_DAYS moet een aantal dagen zijn (0 of meer), niet '${raw}'`);
  return Number(raw);
}

/** RATE_LIMIT_PER_MINUTE: advice, compare and iJw validation per client address; default 60 (a load test raises it). */
function perMinute(name: string, fallback: number): { max: number; timeWindowMs: number } {
  const raw = env[name];
  if (raw === undefined || raw === "") return { max: fallback, timeWindowMs: 60_000 };
  if (!/^\d{1,9}$/.test(raw) || Number(raw) < 1)
    fail(`${name} moet een aantal verzoeken per minuut zijn (1 of meer), niet '${raw}'`);
  return { max: Number(raw), timeWindowMs: 60_000 };
}

const host = env.HOST || "127.0.0.1";
const loopback = ["127.0.0.1", "localhost", "::1"].includes(host);
const oidc = oidcFromEnv();
// Password-less demo users on a server others can reach only when asked for in so many words.
const demo = !oidc && !env.DATABASE_URL && (loopback || env.WEGWIJZER_DEMO === "true");
const secureCookie = env.COOKIE_SECURE !== "false";
if (!secureCookie && !loopback) {
  fail("COOKIE_SECURE=false mag alleen als de server op deze computer luistert (HOST=127.0.0.1)");
}

const store = await openStore(storeOptionsFromEnv());
if (demo) console.log(await ensureDemoData(store));

const { app, address } = await startServer({
  port: port(),
  host,
  trustProxy: env.TRUST_PROXY === "true",
  store,
  providerGraceDays: graceDays(),
  rateLimit: perMinute("RATE_LIMIT_PER_MINUTE", 60),
  webRoot: env.WEGWIJZER_WEB_ROOT || DEFAULT_WEB_ROOT,
  auth: {
    demoLogin: demo,
    secureCookie,
    idleTimeoutMs: minutes("SESSION_IDLE_MINUTES", 30),
    absoluteTimeoutMs: minutes("SESSION_MAX_MINUTES", 8 * 60),
    ...(oidc ? { oidc } : {}),
  },
});
console.log(`Wegwijzer API: ${address}/api/v1 — documentatie op ${address}/api/docs`);
console.log(`Wegwijzer in de browser: ${address}/`);
if (demo) {
  const users = (await listUsers(store)).filter(
    (u) => u.active && (DEMO_USER_IDS as readonly string[]).includes(u.userId),
  );
  console.log(
    `Aanmelden als demogebruiker: POST ${address}/api/v1/sessie/demo met {"gebruiker": "<id>"}. Demogebruikers:`,
  );
  for (const u of users) console.log(`  ${u.userId.padEnd(16)} ${u.role.padEnd(10)} ${u.organisation}`);
} else if (oidc) {
  console.log(`Aanmelden via OpenID Connect: ${address}/api/v1/sessie/oidc/login (uitgever ${oidc.issuer})`);
} else {
  console.log("Aanmelden is niet ingesteld: zet OIDC_ISSUER, OIDC_CLIENT_ID en OIDC_REDIRECT_URI.");
}

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    void app
      .close()
      .then(() => store.close())
      .then(() => process.exit(0));
  });
}
