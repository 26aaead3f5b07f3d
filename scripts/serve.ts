/**
 * Vigil's HTTP server: Next.js (the production build) behind Node's own HTTP server, so that what
 * must be decided before any route runs is decided here, once:
 * - the client's address: the TCP peer, or X-Forwarded-For only when the peer is a trusted proxy
 *   (VIGIL_TRUSTED_PROXIES), passed on as `x-vigil-client-address` (whatever a client sent as that
 *   header is replaced) — rate limits and the audit log use it;
 * - timeouts: headers must arrive within VIGIL_HEADERS_TIMEOUT_MS, a whole request within
 *   VIGIL_REQUEST_TIMEOUT_MS (bodies are also held to an idle time and a minimum rate while read).
 * Run by `npm start` (scripts/start.ts); `node --import tsx scripts/serve.ts -p PORT [-H HOST]`.
 */
import http from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { config } from "../lib/config";
import { AddressSet, CLIENT_ADDRESS_HEADER, clientAddressOf } from "../lib/http/client-address";

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const c = config();
const port = Number(values.port ?? c.PORT);
const hostname = values.hostname ?? c.HOSTNAME_BIND;
const trusted = new AddressSet(c.VIGIL_TRUSTED_PROXIES);

async function main() {
  const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const server = http.createServer((req, res) => {
    const address = clientAddressOf(req.socket.remoteAddress, req.headers["x-forwarded-for"], trusted);
    if (address) req.headers[CLIENT_ADDRESS_HEADER] = address;
    else delete req.headers[CLIENT_ADDRESS_HEADER];
    void handle(req, res);
  });
  server.headersTimeout = c.VIGIL_HEADERS_TIMEOUT_MS;
  server.requestTimeout = c.VIGIL_REQUEST_TIMEOUT_MS;
  // Longer than the usual proxy's (60 s) idle time, so the proxy closes first and never sends on a closed connection.
  server.keepAliveTimeout = 65_000;
  server.listen(port, hostname, () => console.log(`[vigil] server listening on ${hostname ?? "*"}:${port}`));
  // Graceful: no new connections; requests in flight finish; a kept-alive connection is closed as soon
  // as it is idle (not after keepAliveTimeout); whatever is still open after 10 s is cut.
  const close = () => {
    server.close(() => process.exit(0));
    setInterval(() => server.closeIdleConnections(), 100).unref();
    setTimeout(() => {
      server.closeAllConnections();
      process.exit(0);
    }, 10_000).unref();
  };
  process.on("SIGTERM", close);
  process.on("SIGINT", close);
}

main().catch((err) => {
  console.error(`[vigil] server failed to start: ${(err as Error).stack ?? err}`);
  process.exit(1);
});
