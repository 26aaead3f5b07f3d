import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compileRule } from "./compile-rule";
import { loadRulesFromPaths } from "./load-rules-from-path";
import { sharedCorpus } from "../corpus/shared-corpus";

const corpus = sharedCorpus("detection-rules");

describe("the public detection-rules corpus", () => {
  it("is present beside the repository", () => {
    expect(existsSync(corpus)).toBe(true);
  });

  it("loads, parses and compiles every one of the 1,081 EQL rules, deprecated ones included", () => {
    const loaded = loadRulesFromPaths([corpus]);
    expect(loaded.errors.map((e) => e.message)).toEqual([]);
    expect(loaded.rules).toHaveLength(1081);
    const failures: string[] = [];
    for (const { rule, source } of loaded.rules) {
      try {
        compileRule(rule);
      } catch (err) {
        failures.push(`${path.relative(corpus, source)}: ${(err as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(loaded.rules.filter((r) => r.source.includes("_deprecated"))).toHaveLength(57);
    expect(loaded.rules.filter((r) => r.rule.maturity === "production")).toHaveLength(1024);
  });
});
