/** Vigil's EQL engine (Elasticsearch dialect): parse, compile once, evaluate and explain per event. */
export type * from "./ast";
export { compileQuery, compileParsed, type CompiledFilter, type CompiledQuery, type EngineOptions, type KeyValue, type Ordinal } from "./compile";
export type { MatchedCondition } from "./compile-expr";
export { EqlError } from "./errors";
export { checkQuery } from "./check";
export { flattenMapping, type EqlEvent } from "./fields";
export { formatCondition } from "./format-condition";
export { parse, parseExpression } from "./parser";
export { printQuery, printExpr } from "./printer";
export { EqlRunError, runQuery, type EqlResult, type RunOptions } from "./run";
export { runSample } from "./sample";
export { compareOrdinals, SequenceMatcher, type KeyState, type SequenceMatch } from "./sequence";
export { MemoryStateStore, type StateStore } from "./store";
