import { describe, expect, it } from "vitest";
import { parseExpression } from "../eql";
import { indexKeyOf, RuleIndex } from "./rule-index";

const key = (src: string) => indexKeyOf(parseExpression(src));
const values = (src: string) => key(src)?.alternatives.map((a) => `${a.field}: ${[...a.values].sort().join(" ")}`);

describe("index keys", () => {
  it("take exact values, prefixes and suffixes, lower-cased", () => {
    expect(values('process.name == "Kubectl"')).toEqual(["process.name: =kubectl"]);
    expect(values('process.executable like~ ("/TMP/*", "*.SH", "/x?y")')).toEqual(["process.executable: $.sh ^/tmp/ ^/x"]);
  });

  it("pick the more selective side of `and` and both sides of `or`", () => {
    expect(values('host.os.type == "linux" and process.name in ("a", "b")')).toEqual(["process.name: =a =b"]);
    expect(values('process.name == "a" or process.parent.name == "b"')).toEqual(["process.name: =a", "process.parent.name: =b"]);
  });

  it("give nothing where no necessary value exists", () => {
    expect(key('process.name : "*kube*"')).toBeNull();
    expect(key('process.name == "a" or process.args : "*x*"')).toBeNull();
    expect(key('not process.name == "a"')).toBeNull();
    expect(values('event.action == "exec" and event.action == "load_module"')).toEqual(["event.action: =load_module"]);
    expect(key("process.pid == 5")).toBeNull();
  });
});

describe("the rule index", () => {
  it("offers every rule that may match and skips the others, each once", () => {
    const index = new RuleIndex<string>();
    index.add("exact", [key('process.name in ("kubectl", "helm")')]);
    index.add("prefix", [key('process.parent.executable like "/tmp/*"')]);
    index.add("suffix", [key('process.name : "*.sh"')]);
    index.add("two-fields", [key('process.name == "kubectl" or process.parent.executable like "/tmp/*"')]);
    index.add("always", [null]);
    const seen = (e: Record<string, unknown>) => {
      const out: string[] = [];
      index.candidates(e, (r) => out.push(r));
      return out.sort();
    };
    expect(seen({ process: { name: "KUBECTL", parent: { executable: "/tmp/x" } } })).toEqual(["always", "exact", "prefix", "two-fields"]);
    expect(seen({ process: { name: "deploy.SH" } })).toEqual(["always", "suffix"]);
    expect(seen({ process: { name: "ls", parent: { executable: "/usr/bin/bash" } } })).toEqual(["always"]);
    expect(seen({ "process.name": ["helm", "kubectl"] })).toEqual(["always", "exact", "two-fields"]);
  });

  it("skips the fields under a top-level object the event lacks, and finds them however the event spells them", () => {
    const index = new RuleIndex<string>();
    index.add("windows", [key('winlog.channel == "Security"')]);
    index.add("linux", [key('process.name == "bash"')]);
    const seen = (e: Record<string, unknown>) => {
      const out: string[] = [];
      index.candidates(e, (r) => out.push(r));
      return out.sort();
    };
    expect(seen({ winlog: { channel: "Security" }, process: { name: "bash" } })).toEqual(["linux", "windows"]);
    expect(seen({ "winlog.channel": "Security" })).toEqual(["windows"]);
    expect(seen({ "winlog.event_data": {}, winlog: { channel: "security" } })).toEqual(["windows"]);
    expect(seen({ "process.name": "bash", winlogs: { channel: "Security" } })).toEqual(["linux"]);
    expect([index.mayMatch({ "winlog.channel": "Security" }), index.mayMatch({ process: { name: "sh" } }), index.mayMatch({ process: {} }, new Set(["process.name"]))]).toEqual([true, false, true]);
  });
});
