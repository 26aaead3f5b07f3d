/**
 * The per-item results of a bulk request, kept in memory up to a threshold and spilled to a
 * temporary file beyond it: a 1 GB request has millions of items, whose results would not fit the
 * memory budget. The response is streamed from the spool once the request is read.
 */
import { createReadStream } from "node:fs";
import { open, rm, type FileHandle } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";

export class ResultSpool {
  private parts: string[] = [];
  private size = 0;
  private file: { path: string; handle: FileHandle } | null = null;
  private first = true;

  constructor(private readonly threshold = 4 * 1024 * 1024) {}

  /** Items added so far. */
  count = 0;

  /** Adds items' JSON, in order. */
  async add(jsons: string[]): Promise<void> {
    this.count += jsons.length;
    for (const json of jsons) {
      const part = this.first ? json : `,${json}`;
      this.first = false;
      this.parts.push(part);
      this.size += part.length;
    }
    if (this.size >= this.threshold) await this.spill();
  }

  private async spill() {
    if (!this.file) {
      const p = path.join(os.tmpdir(), `vigil-bulk-${process.pid}-${randomBytes(6).toString("hex")}.json`);
      this.file = { path: p, handle: await open(p, "w", 0o600) };
    }
    await this.file.handle.write(this.parts.join(""));
    this.parts = [];
    this.size = 0;
  }

  /** The whole response: `head`, the items in order, `tail`. The temporary file is removed after. */
  async body(head: string, tail: string): Promise<string | ReadableStream<Uint8Array>> {
    if (!this.file) return head + this.parts.join("") + tail;
    await this.spill();
    await this.file.handle.close();
    const file = this.file.path;
    const enc = new TextEncoder();
    const chunks = createReadStream(file, { highWaterMark: 256 * 1024 })[Symbol.asyncIterator]();
    let stage: "head" | "file" | "done" = "head";
    // Pull-based: the next chunk is read only when the client has taken the last one.
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          if (stage === "head") {
            controller.enqueue(enc.encode(head));
            stage = "file";
            return;
          }
          const next = await chunks.next();
          if (!next.done) {
            controller.enqueue(new Uint8Array(next.value as Buffer));
            return;
          }
          controller.enqueue(enc.encode(tail));
          controller.close();
          stage = "done";
          await rm(file, { force: true });
        } catch (err) {
          controller.error(err);
          await rm(file, { force: true });
        }
      },
      async cancel() {
        await chunks.return?.();
        await rm(file, { force: true });
      },
    });
  }

  /** Removes the temporary file when the response will not be sent. */
  async discard(): Promise<void> {
    if (!this.file) return;
    await this.file.handle.close().catch(() => undefined);
    await rm(this.file.path, { force: true });
  }
}
