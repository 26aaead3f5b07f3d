/**
 * The Content-Security-Policy of Vigil's pages: scripts only from this origin and with this
 * response's nonce (Next.js puts it on its own inline scripts), so nothing an attacker writes into
 * an event, a rule or a comment can run even if it reached the HTML. Styles allow inline style
 * attributes (React's `style`), which cannot run code.
 */
export function pagePolicy(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

// API answers get theirs from next.config.mjs: a policy that allows nothing.
