import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildServer } from "../src/server/app.ts";

/**
 * The OpenAPI document is generated from the routes, is valid OpenAPI 3.1, passes Redocly's strict
 * rules plus the NL API Design Rules in redocly.yaml, and documents every route with its errors.
 * (`npm run lint:openapi`, part of `npm run lint`, runs the same linter in CI.)
 */

const root = join(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "wegwijzer-openapi-"));

type Operation = {
  operationId?: string;
  summary?: string;
  tags?: string[];
  responses: Record<string, { content?: Record<string, unknown>; headers?: Record<string, unknown> }>;
};
type Document = {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
};

let app: FastifyInstance;
let doc: Document;
beforeAll(async () => {
  app = await buildServer();
  doc = (await app.inject({ method: "GET", url: "/api/openapi.json" })).json();
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({ path, method, op })),
  );

describe("the OpenAPI document", () => {
  it("passes the Redocly linter with the project's rules, offline", () => {
    const file = join(dir, "openapi.json");
    writeFileSync(file, JSON.stringify(doc, null, 2));
    const run = spawnSync(
      process.execPath,
      [
        join(root, "node_modules", "@redocly", "cli", "bin", "cli.js"),
        "lint",
        "--config",
        join(root, "redocly.yaml"),
        "--format",
        "stylish",
        file,
      ],
      { encoding: "utf8", env: { ...process.env, REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" }, timeout: 60_000 },
    );
    expect(`${run.stdout}\n${run.stderr}`, `${run.stdout}\n${run.stderr}`).toMatch(/valid/);
    expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
  });

  it("is OpenAPI 3.1 with the major version in the base URL", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([expect.objectContaining({ url: "/api/v1" })]);
  });

  it("documents every endpoint of this increment, and no other", () => {
    expect(
      operations()
        .map(({ method, path }) => `${method.toUpperCase()} ${path}`)
        .sort(),
    ).toEqual([
      "GET /health",
      "GET /openapi.json",
      "GET /regions",
      "GET /regions/{id}",
      "GET /regions/{id}/check",
      "GET /regions/{id}/differences",
      "GET /regions/{id}/rules",
      "POST /advice",
      "POST /compare",
      "POST /ijw/validate",
    ]);
  });

  it("gives every operation an id, a Dutch summary, a tag and an API-Version header on success", () => {
    for (const { path, op } of operations()) {
      expect(op.operationId, path).toMatch(/^[a-z][A-Za-z]+$/);
      expect(op.summary, path).toBeTruthy();
      expect(op.tags?.length, path).toBe(1);
      expect(op.responses["200"]?.headers, path).toHaveProperty("API-Version");
    }
  });

  it("documents errors as problem details: 500 everywhere, 400 where input is read, 429 where limited", () => {
    for (const { path, op } of operations()) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400)
          expect(Object.keys(response.content ?? {}), `${path} ${status}`).toEqual([
            "application/problem+json",
          ]);
      }
      expect(op.responses, path).toHaveProperty("500");
      expect(op.responses, path).toHaveProperty("400");
    }
    for (const path of ["/advice", "/compare", "/ijw/validate"]) {
      expect(doc.paths[path]?.post?.responses, path).toHaveProperty("429");
      expect(doc.paths[path]?.post?.responses, path).toHaveProperty("413");
      expect(doc.paths[path]?.post?.responses, path).toHaveProperty("415");
    }
  });

  it("describes the advice request from the same schema the engine validates cases with", () => {
    const text = JSON.stringify(doc);
    expect(text).toContain("#/components/schemas/AdviceRequest");
    expect(text).toContain("woonplaats (woonplaatsbeginsel), CBS-code");
    expect(text).not.toContain('Input"');
  });
});
