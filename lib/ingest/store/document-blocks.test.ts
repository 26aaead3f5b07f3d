import { describe, expect, it } from "vitest";
import { decodeFrame, encodeBlock } from "./document-blocks";

const texts = Array.from({ length: 150 }, (_, i) => JSON.stringify({ n: i, s: "é中🙂 \\n \"q\"", pad: "x".repeat(i) }));

describe("document blocks", () => {
  it("splits documents into compressed frames and gives each frame's documents back in order", async () => {
    const block = await encodeBlock(texts, 64);
    expect(block).toMatchObject({ codec: "br", frameDocs: 64 });
    expect(block.frames).toHaveLength(4); // three frames (64, 64, 22) and the end
    expect(block.frames[3]).toBe(block.docs.byteLength);
    const all = [0, 1, 2].flatMap((f) => decodeFrame(block.codec, block.docs.subarray(block.frames[f], block.frames[f + 1])));
    expect(all).toEqual(texts);
    expect(block.docs.byteLength).toBeLessThan(texts.join("\n").length / 4);
  });

  it("keeps one document per line when a JSON text has newlines between its tokens", async () => {
    const pretty = JSON.stringify({ a: 1, b: ["x"] }, null, 2);
    const block = await encodeBlock([pretty, "{}"], 64);
    const [first, second] = decodeFrame("br", block.docs);
    expect([JSON.parse(first), second]).toEqual([{ a: 1, b: ["x"] }, "{}"]);
  });

  it("stores documents given as bytes exactly as received, beside ones given as text", async () => {
    const received = Buffer.from('{ "a" : "é",\t"b":[1,2] }\r');
    const block = await encodeBlock([received, '{"c":3}'], 64);
    const [first, second] = decodeFrame("br", block.docs);
    expect(Buffer.from(first)).toEqual(received);
    expect(second).toBe('{"c":3}');
  });

  it("reads uncompressed frames, and refuses a codec it does not know", () => {
    expect(decodeFrame("identity", Buffer.from('{"a":1}'))).toEqual(['{"a":1}']);
    expect(() => decodeFrame("lz4", Buffer.from(""))).toThrow("unknown codec lz4");
  });
});
