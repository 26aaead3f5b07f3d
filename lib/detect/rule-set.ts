import { builtinRules, compileRule, type CompiledRule } from "../rules";
import { Detector } from "./detector";

const cache = globalThis as unknown as { vigilDetector?: Detector; vigilRules?: CompiledRule[] };

/** The rules that run at ingest (the built-in ones), compiled once per process. */
export function activeRules(): CompiledRule[] {
  cache.vigilRules ??= builtinRules().map(compileRule);
  return cache.vigilRules;
}

/** The ingest detector. Sequence state lives in this process's memory (one instance per server). */
export function ingestDetector(): Detector {
  cache.vigilDetector ??= new Detector(activeRules());
  return cache.vigilDetector;
}
