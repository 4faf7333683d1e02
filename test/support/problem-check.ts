import type { LightMyRequestResponse } from "fastify";
import { expect } from "vitest";

/** What every answer of the API must be, whatever was sent: shared by the fuzz tests. */

/** Traces of a stack or of our source: none may reach a client. */
const leaks = [
  /\n\s+at /,
  /node_modules/,
  /node:internal/,
  /\.ts:\d+/,
  /\/work\//,
  /file:\/\//,
  /\bstack\b/i,
];

/** Words zod or Fastify would use in English; a refusal speaks Dutch. */
const english = /\b(Invalid|Expected|Required|Unrecognized|must|Body|cannot|Unsupported|is not)\b/;

export const statuses = new Map<number, number>();

export function checkAnswer(res: LightMyRequestResponse, what: string): void {
  statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
  const where = `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`;
  expect(res.statusCode, where).toBeLessThan(500);
  for (const leak of leaks) expect(res.body, where).not.toMatch(leak);
  expect(res.headers["api-version"], where).toBe("1.0.0");
  if (res.statusCode < 400 || what.startsWith("HEAD ")) return;
  expect(res.headers["content-type"], where).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(res.body) as {
    type: string;
    title: string;
    status: number;
    detail: string;
    errors?: { in: string; pointer: string; detail: string; code: string }[];
  };
  expect(problem.status, where).toBe(res.statusCode);
  expect(problem.type, where).toMatch(/^urn:wegwijzer:problem:[a-z-]+$/);
  expect(problem.title.length, where).toBeGreaterThan(0);
  expect(problem.detail.length, where).toBeGreaterThan(0);
  expect(`${problem.title} ${problem.detail}`, where).not.toMatch(english);
  if (res.statusCode === 400 && problem.type === "urn:wegwijzer:problem:invalid-input") {
    for (const e of problem.errors ?? []) {
      expect(e.in, where).toMatch(/^(body|query|path|header)$/);
      expect(e.pointer, where).toMatch(/^#(\/[^/]*)*$/);
      expect(e.detail.length, where).toBeGreaterThan(0);
    }
  }
}
