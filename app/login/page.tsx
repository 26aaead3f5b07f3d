import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { sessionUser } from "@/lib/auth";

export const dynamic = "force-dynamic";

export default async function LoginPage() {
  if (await sessionUser(await headers())) redirect("/alerts");
  return (
    <main className="login card">
      <h1>Sign in to Vigil</h1>
      <LoginForm />
    </main>
  );
}
