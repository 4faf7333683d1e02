import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { openStore } from "../src/store/database.ts";
import { DEMO_USER_IDS } from "../src/store/demo-users.ts";
import { listAllocations, listReferrals } from "../src/store/registry.ts";
import { listUsers } from "../src/store/users.ts";

const root = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "wegwijzer-start-"));
const running: ChildProcess[] = [];
afterAll(() => {
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null && child.pid)
      process.kill(-child.pid, "SIGKILL");
  }
  rmSync(dir, { recursive: true, force: true });
});

const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, PORT: "0" };
delete env.DATABASE_URL;
delete env.OIDC_ISSUER;

/** `npm start` until it prints its address; the caller stops it with stop(). */
async function start(): Promise<{
  address: string;
  output: () => string;
  stop: () => Promise<number | null>;
}> {
  // Its own process group, so npm, tsx and the server all get the signal.
  const child = spawn("npm", ["start", "--silent"], { cwd: root, env, detached: true });
  running.push(child);
  let out = "";
  child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const address = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const m = /Wegwijzer API: (http:\/\/127\.0\.0\.1:\d+)\/api\/v1/.exec(out);
      if (m?.[1]) {
        clearInterval(timer);
        resolve(m[1]);
      } else if (child.exitCode !== null) {
        clearInterval(timer);
        reject(new Error(`npm start stopte:\n${out}`));
      }
    }, 100);
  });
  return {
    address,
    output: () => out,
    stop: async () => {
      if (child.pid) process.kill(-child.pid, "SIGTERM");
      return exited;
    },
  };
}

it(
  "npm start serves the API on the embedded database with the demo data and demo users, loaded once",
  { timeout: 180_000 },
  async () => {
    const first = await start();
    try {
      const health = await fetch(`${first.address}/api/v1/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: "ok" });

      const login = await fetch(`${first.address}/api/v1/sessie/demo`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ gebruiker: "demo-toegang" }),
      });
      expect(login.status).toBe(200);
      expect(await login.json()).toMatchObject({
        userId: "demo-toegang",
        role: "toegang",
        municipality: "0855",
      });
      const cookie = login.headers.getSetCookie().find((c) => c.startsWith("__Host-wegwijzer-sessie="));
      expect(cookie).toMatch(/; HttpOnly/);
      const me = await fetch(`${first.address}/api/v1/sessie`, {
        headers: { cookie: (cookie ?? "").split(";")[0] ?? "" },
      });
      expect(me.status).toBe(200);
    } finally {
      await first.stop();
    }
    const out1 = first.output();
    expect(out1).toMatch(
      /Demogegevens geladen in het register \(pglite\): \d+ aanbieders, \d+ verwijzingen, \d+ toewijzingen/,
    );
    expect(out1).toContain("Demogebruikers toegevoegd:");
    for (const id of DEMO_USER_IDS) expect(out1).toContain(id);
    expect(out1).not.toMatch(/\b999\d{6}\b/);

    const second = await start();
    await second.stop();
    expect(second.output()).toContain("Register (pglite) bevat al gegevens.");
    expect(second.output()).not.toContain("Demogebruikers toegevoegd");
    expect(second.output()).not.toMatch(/\b999\d{6}\b/);

    // The terminal demo moved to npm run demo; it reads the same registry and loads nothing again.
    const demo = spawnSync("npm", ["run", "demo", "--silent"], {
      cwd: root,
      env,
      input: "",
      encoding: "utf8",
    });
    expect(demo.status).toBe(0);
    expect(demo.stdout).toContain("Register (pglite) bevat al gegevens.");
    expect(demo.stdout).toContain("Advies voor Regio Hart van Brabant");
    expect(demo.stdout).not.toMatch(/\b999\d{6}\b/);

    const store = await openStore({ dataDir: join(dir, "pglite") });
    try {
      const referrals = await listReferrals(store);
      expect(new Set(referrals.map((r) => r.regionId))).toEqual(
        new Set([
          "hart-van-brabant",
          "een-10-voor-de-jeugd",
          "iaj-gwv-hcmv",
          "amsterdam-amstelland",
          "zaanstreek-waterland",
        ]),
      );
      // Loaded once: as many referrals as the first start reported, after three starts.
      expect(referrals.length).toBe(Number(/(\d+) verwijzingen/.exec(out1)?.[1]));
      const allocations = await listAllocations(store);
      expect(allocations.length).toBeGreaterThan(0);

      const users = await listUsers(store);
      expect(users.map((u) => u.userId).sort()).toEqual([...DEMO_USER_IDS].sort());
      expect(new Set(users.map((u) => u.role))).toEqual(
        new Set(["toegang", "verwijzer", "aanbieder", "coalitie", "beleid", "beheer", "auditor"]),
      );
      // Every demo user reaches demo rows: the provider and the coalition segment have allocations in
      // Tilburg, and the referrer made some of its referrals.
      const byId = new Map(users.map((u) => [u.userId, u]));
      expect(byId.get("demo-toegang")).toMatchObject({ municipality: "0855" });
      const tilburg = allocations.filter((a) => a.municipality === "0855");
      expect(tilburg.some((a) => a.providerAgb === byId.get("demo-aanbieder")?.providerAgb)).toBe(true);
      expect(byId.get("demo-coalitie")).toMatchObject({ regionId: "hart-van-brabant" });
      expect(tilburg.some((a) => a.segment === byId.get("demo-coalitie")?.segment)).toBe(true);
      const referred = await store.db
        .selectFrom("referral")
        .select("id")
        .where("referred_by", "=", "demo-verwijzer")
        .execute();
      expect(referred.length).toBeGreaterThan(0);
    } finally {
      await store.close();
    }
  },
);
