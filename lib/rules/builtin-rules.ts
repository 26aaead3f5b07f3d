import { KUBECTL_IMPERSONATION_TOML } from "./builtin/kubectl-impersonation";
import { loadTomlRule } from "./load-toml-rule";
import type { TRule } from "./rule";

let cache: TRule[] | null = null;

/** The rules Vigil ships with, parsed once. */
export function builtinRules(): TRule[] {
  cache ??= [loadTomlRule(KUBECTL_IMPERSONATION_TOML, "builtin:kubectl-impersonation")];
  return cache;
}

/** The seed rule, "Potential Impersonation Attempt via Kubectl". */
export function kubectlImpersonationRule(): TRule {
  return builtinRules()[0];
}
