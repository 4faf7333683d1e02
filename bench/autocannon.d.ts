/**
 * The part of autocannon's programmatic API the bench uses (the package ships no types). Figures as its
 * README describes them: latency in milliseconds, request rates per one-second sample.
 */
declare module "autocannon" {
  export interface Histogram {
    average: number;
    mean: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p99: number;
    total: number;
  }

  export interface Result {
    requests: Histogram;
    latency: Histogram;
    throughput: Histogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    duration: number;
  }

  export interface Options {
    url: string;
    connections?: number;
    duration?: number;
    method?: "GET" | "POST";
    headers?: Record<string, string>;
    body?: string;
    pipelining?: number;
  }

  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
