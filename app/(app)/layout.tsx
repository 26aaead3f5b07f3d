import Link from "next/link";
import type { ReactNode } from "react";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { hasRole } from "@/lib/auth";
import { requireUser } from "@/lib/auth/require-user";

export const dynamic = "force-dynamic";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <header className="top">
        <Link href="/alerts">Vigil</Link>
        <Link href="/alerts">Alerts</Link>
        <Link href="/rules">Rules</Link>
        <Link href="/exceptions">Exceptions</Link>
        <Link href="/cases">Cases</Link>
        {hasRole(user.role, "admin") && <Link href="/settings">Settings</Link>}
        <span className="spacer" />
        <span data-testid="whoami">
          {user.username} · {user.role}
        </span>
        <SignOutButton />
      </header>
      <main>{children}</main>
    </>
  );
}
