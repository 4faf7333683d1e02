import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";

/**
 * The web app (web/, issue 7) on the API's own port: the built files of web/dist at /, and index.html for
 * any other GET outside /api, so a reload or a shared link of a page of the app works (the app routes in
 * the browser). The API keeps its strict policy; the app's pages get one that allows the app's own
 * scripts, styles and calls to its own origin, and nothing else.
 */

/** The built app: web/dist next to src/, or WEGWIJZER_WEB_ROOT (tests build into a folder of their own). */
export const DEFAULT_WEB_ROOT = resolve(import.meta.dirname, "..", "..", "web", "dist");

/**
 * No inline scripts or styles, no eval, nothing from other origins. img-src allows data: because the
 * Utrecht CSS draws the check mark of a check box and the arrow of a select as data: SVG images.
 */
export const WEB_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const isApi = (url: string) => url === "/api" || url.startsWith("/api/") || url.startsWith("/api?");

export async function registerWebApp(app: FastifyInstance, root: string): Promise<void> {
  const index = join(root, "index.html");
  if (!existsSync(index)) {
    // A missing build is a setup mistake worth saying plainly, not a silent 404 on every page.
    app.log.warn(`De webapp is niet gebouwd (${index} ontbreekt): draai 'npm run build:web'.`);
  }

  app.addHook("onSend", async (request, reply, payload) => {
    if (!isApi(request.url)) reply.header("content-security-policy", WEB_CONTENT_SECURITY_POLICY);
    return payload;
  });

  await app.register(fastifyStatic, {
    root,
    prefix: "/",
    // Routes for the files that exist; every other path goes to the page route below.
    wildcard: false,
    index: false,
    cacheControl: false,
    setHeaders: (res, path) => {
      // Vite puts a content hash in every asset name: those never change, index.html always may.
      if (path.includes(`${join(root, "assets")}`)) {
        res.setHeader("cache-control", "public, max-age=31536000, immutable");
      }
    },
  });

  // Every other GET: a page of the app, unless it is an API path or names a file (favicon.ico, an old
  // asset), which stay the API's 404 with problem details. The file routes above are more specific.
  app.get("/*", { schema: { hide: true } }, (request, reply) => {
    const path = request.url.split("?", 1)[0] ?? "";
    if (isApi(path) || /\.[a-z0-9]+$/i.test(path) || !existsSync(index)) return reply.callNotFound();
    return reply.type("text/html; charset=utf-8").sendFile("index.html", root);
  });
}
