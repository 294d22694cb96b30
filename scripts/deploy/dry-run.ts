/**
 * `npm run deploy -- --dry-run [--env staging|production] [--plan free|paid]`: builds the four
 * bundles exactly as `wrangler deploy` would upload them, prints each one's size gzipped (what
 * Cloudflare counts against its limit) and fails when one is over the plan's limit.
 */
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { bundleWorker, PLATFORM_CONFIGS, root } from "../platform.ts";

/** Cloudflare's Worker size limits, after compression (developers.cloudflare.com/workers/platform/limits). */
export const SIZE_LIMITS = { free: 3 * 1024 * 1024, paid: 10 * 1024 * 1024 } as const;
export type Plan = keyof typeof SIZE_LIMITS;

export interface BundleSize {
  worker: string;
  bytes: number;
  gzipBytes: number;
}

export async function dryRun(env: string | undefined, plan: Plan): Promise<BundleSize[]> {
  const outRoot = path.join(tmpdir(), `wenzheng-dry-run-${process.pid}`);
  const sizes: BundleSize[] = [];
  // One at a time: each build is esbuild plus wrangler's start-up, and the output stays readable.
  for (const [worker, config] of Object.entries(PLATFORM_CONFIGS)) {
    const { uploads } = await bundleWorker(
      path.join(root, config),
      path.join(outRoot, worker),
      env ? ["--env", env] : [],
    );
    const files = uploads.map((f) => readFileSync(f));
    sizes.push({
      worker,
      bytes: files.reduce((n, f) => n + f.length, 0),
      gzipBytes: files.reduce((n, f) => n + gzipSync(f).length, 0),
    });
  }
  const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`.padStart(12);
  console.log(
    `\n${"Worker".padEnd(24)}${"bundle".padStart(12)}${"gzip".padStart(12)}   limit (${plan}) ${kib(SIZE_LIMITS[plan]).trim()}`,
  );
  for (const s of sizes) {
    const over = s.gzipBytes > SIZE_LIMITS[plan];
    console.log(`${s.worker.padEnd(24)}${kib(s.bytes)}${kib(s.gzipBytes)}   ${over ? "OVER THE LIMIT" : "ok"}`);
  }
  return sizes;
}
