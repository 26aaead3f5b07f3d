import { describe, expect, it } from "vitest";
import { ndjsonLines, type Line } from "./ndjson-lines";

const LIMITS = { maxBytes: 1024 ** 2, maxLineBytes: 64 };

/** A body that arrives in the given chunks. */
const body = (chunks: Uint8Array[]) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(c);
      controller.close();
    },
  });

async function lines(chunks: Uint8Array[], limits = LIMITS): Promise<Line[]> {
  const out: Line[] = [];
  for await (const batch of ndjsonLines(body(chunks), limits)) out.push(...batch);
  return out;
}

/** The text's bytes cut at the given byte offsets. */
function cut(text: string, ...at: number[]): Uint8Array[] {
  const bytes = Buffer.from(text);
  return [0, ...at].map((start, i) => bytes.subarray(start, at[i] ?? bytes.byteLength));
}

describe("ndjsonLines", () => {
  it("gives each line's text and bytes, wherever the chunks split lines and characters; a run of blank lines is given as its first", async () => {
    const text = '{"a":"é"}\n{"b":"中🙂"}\r\n\n\r\n\n{"c":3}';
    // Cuts inside "é" (2 bytes), right after a newline, and inside "🙂" (4 bytes).
    const byteOf = (s: string) => Buffer.byteLength(s);
    const out = await lines(cut(text, byteOf('{"a":"') + 1, byteOf('{"a":"é"}\n'), byteOf('{"a":"é"}\n{"b":"中') + 2));
    expect(out.map((l) => [l.number, l.text])).toEqual([
      [1, '{"a":"é"}'],
      [2, '{"b":"中🙂"}\r'],
      [3, ""],
      [6, '{"c":3}'],
    ]);
    for (const l of out) expect(l.bytes.toString("utf8")).toBe(l.text);
  });

  it("drops a byte order mark before the first line, even one the chunks split", async () => {
    const text = '\ufeff{"create":{}}\n{"a":1}';
    for (const chunks of [[Buffer.from(text)], cut(text, 1, 2)]) {
      const out = await lines(chunks);
      expect(out.map((l) => l.text)).toEqual(['{"create":{}}', '{"a":1}']);
      expect(out[0].bytes.toString("utf8")).toBe('{"create":{}}');
    }
    expect((await lines([Buffer.from('\ufeff{"a":1}')]))[0].text).toBe('{"a":1}');
  });

  it("refuses bytes that are not UTF-8, naming the line", async () => {
    const bad = Buffer.concat([Buffer.from('{"a":1}\n{"b":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}\n{}\n')]);
    await expect(lines([bad])).rejects.toMatchObject({ code: "bad_request", message: "body is not valid UTF-8 (line 2)" });
    await expect(lines([Buffer.from('{"a":1}\n'), Buffer.from([0x7b, 0xff])])).rejects.toThrow("body is not valid UTF-8 (line 2)");
  });

  it("refuses a line over the limit, whether it ends in the chunk or has not ended yet", async () => {
    const long = `{"a":"${"x".repeat(80)}"}`;
    await expect(lines([Buffer.from(`{}\n${long}\n`)])).rejects.toMatchObject({ code: "payload_too_large", message: expect.stringContaining("line 2 is longer than the limit of 64 bytes") });
    await expect(lines(cut(`{}\n${long}`, 20, 40, 60, 80))).rejects.toThrow("line 2 is longer than the limit of 64 bytes");
  });

  it("refuses a body over the total limit", async () => {
    await expect(lines([Buffer.from("{}\n".repeat(20))], { maxBytes: 30, maxLineBytes: 64 })).rejects.toThrow("body exceeds the limit of 30 bytes");
  });
});
