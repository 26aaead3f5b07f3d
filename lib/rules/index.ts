export { builtinRules, kubectlImpersonationRule } from "./builtin-rules";
export { compileRule, ruleEngineOptions, type CompiledRule } from "./compile-rule";
export { fromKibanaRule, loadKibanaNdjson } from "./load-kibana-ndjson";
export { loadRulesFromPaths, type LoadedRules } from "./load-rules-from-path";
export { loadTomlRule } from "./load-toml-rule";
export { parseGuide, type StructuredGuide } from "./parse-guide";
export { durationMs, SEVERITIES, ZAlertSuppression, ZRule, type TAlertSuppression, type TRule, type TThreat } from "./rule";
export { RuleLoadError } from "./rule-load-error";
