import type { TestProject } from "vitest/node";
import { buildWebAppInto } from "./web-build.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The folder the web app was built into for this test run. */
    webRoot: string;
  }
}

/** One build of the web app for every browser test file of the run; removed when the run ends. */
export default function setup(project: TestProject): () => void {
  const build = buildWebAppInto();
  project.provide("webRoot", build.dir);
  return () => build.remove();
}
