import type { Query } from "../eql";
import { compileParsed, type CompiledQuery, type EngineOptions } from "../eql/compile";
import { parse } from "../eql/parser";
import { ecsFieldTypes } from "../ingest/mapping/ecs-field-types";
import type { TRule } from "./rule";

/** A rule with its query compiled once, ready to evaluate events. */
export interface CompiledRule {
  rule: TRule;
  ast: Query;
  query: CompiledQuery;
}

/**
 * Engine settings a rule carries (category and tiebreaker overrides; ordering stays on @timestamp),
 * and the ECS fields' types: a rule runs and is checked as against an ECS index in Elasticsearch.
 * Fields outside ECS are left untyped, as Elasticsearch maps them dynamically.
 */
export function ruleEngineOptions(rule: TRule, strict = false): EngineOptions {
  return {
    strict,
    categoryField: rule.eventCategoryOverride ?? undefined,
    tiebreakerField: rule.tiebreakerField ?? undefined,
    fieldTypes: ecsFieldTypes(),
    mappingIsComplete: false,
  };
}

/** Compiles a rule's query; throws EqlError for a bad query (with `strict`, also for what Vigil otherwise lets through). */
export function compileRule(rule: TRule, { strict = false }: { strict?: boolean } = {}): CompiledRule {
  const ast = parse(rule.query);
  return { rule, ast, query: compileParsed(ast, rule.query, ruleEngineOptions(rule, strict)) };
}
