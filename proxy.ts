/**
 * Runs before every page: a fresh nonce per response for the Content-Security-Policy. Next.js
 * reads the policy from the request headers and puts the nonce on the scripts it renders; the
 * browser gets the same policy on the response. API routes and static files are not pages.
 */
import { NextResponse, type NextRequest } from "next/server";
import { pagePolicy } from "@/lib/http/content-security-policy";

export function proxy(request: NextRequest) {
  // next.config.mjs turns Next's own trailing-slash redirect off (for /es/); pages keep it.
  const { pathname } = request.nextUrl;
  if (pathname.length > 1 && pathname.endsWith("/")) {
    const url = request.nextUrl.clone();
    url.pathname = pathname.replace(/\/+$/, "") || "/";
    return NextResponse.redirect(url, 308);
  }
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pagePolicy(nonce);
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!api/|es/|es$|_next/static|_next/image|icon.svg).*)", missing: [{ type: "header", key: "next-router-prefetch" }] }],
};
