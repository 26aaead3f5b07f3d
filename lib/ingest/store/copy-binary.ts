/**
 * PostgreSQL's binary COPY format for event rows. Against the text format it saves the escaping of
 * every backslash (a new string per value) and the line strings: values are written straight into
 * one growing buffer, and PostgreSQL parses lengths instead of escapes.
 * Layout (PostgreSQL docs, "COPY … Binary Format"): a signature and two int32 header fields; per
 * row an int16 field count, then per field an int32 byte length (-1 for NULL) and the bytes; an
 * int16 -1 at the end. `text` travels as UTF-8; `integer` as int32; `bigint` as int64; `timestamp`
 * as int64 microseconds since 2000-01-01; `text[]` in the array format with the element type's OID.
 */
import type { EventRow } from "./copy-events";

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
const TEXT_OID = 25;
/** 2000-01-01T00:00:00Z in Unix milliseconds: PostgreSQL's timestamp epoch. */
const PG_EPOCH_MS = 946_684_800_000;
const TWO_32 = 4_294_967_296;
/** Fields per event row, in `EVENT_COLUMNS` order. */
const FIELDS = 18;

export class BinaryCopyWriter {
  private buf: Buffer;
  private at = 0;

  /** `header`: this buffer starts the COPY data (a stream sent in several buffers has one). */
  constructor(initialBytes = 1 << 20, header = true) {
    this.buf = Buffer.allocUnsafe(Math.max(initialBytes, 64));
    if (header) {
      SIGNATURE.copy(this.buf, 0);
      this.buf.writeInt32BE(0, 11); // flags
      this.buf.writeInt32BE(0, 15); // header extension length
      this.at = 19;
    }
  }

  private reserve(bytes: number) {
    if (this.at + bytes <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.at + bytes) size *= 2;
    const next = Buffer.allocUnsafe(size);
    this.buf.copy(next, 0, 0, this.at);
    this.buf = next;
  }

  private text(s: string | null) {
    if (s === null) return this.nullField();
    // At most three bytes per UTF-16 unit; the length is written once the string is.
    this.reserve(4 + s.length * 3);
    const n = this.buf.write(s, this.at + 4, "utf8");
    this.buf.writeInt32BE(n, this.at);
    this.at += 4 + n;
  }

  private int4(v: number | null) {
    if (v === null) return this.nullField();
    this.reserve(8);
    this.buf.writeInt32BE(4, this.at);
    this.buf.writeInt32BE(v, this.at + 4);
    this.at += 8;
  }

  private int8(v: bigint) {
    this.reserve(12);
    this.buf.writeInt32BE(8, this.at);
    this.buf.writeBigInt64BE(v, this.at + 4);
    this.at += 12;
  }

  private timestamp(d: Date) {
    const micros = (d.getTime() - PG_EPOCH_MS) * 1000;
    this.reserve(12);
    this.buf.writeInt32BE(8, this.at);
    if (Number.isSafeInteger(micros)) {
      const hi = Math.floor(micros / TWO_32);
      this.buf.writeInt32BE(hi, this.at + 4);
      this.buf.writeUInt32BE(micros - hi * TWO_32, this.at + 8);
    } else this.buf.writeBigInt64BE(BigInt(d.getTime() - PG_EPOCH_MS) * 1000n, this.at + 4);
    this.at += 12;
  }

  private textArray(values: string[]) {
    this.reserve(4 + 20);
    const start = this.at;
    this.at += 4;
    const dims = values.length === 0 ? 0 : 1;
    this.buf.writeInt32BE(dims, this.at);
    this.buf.writeInt32BE(0, this.at + 4); // no NULL elements
    this.buf.writeInt32BE(TEXT_OID, this.at + 8);
    this.at += 12;
    if (dims) {
      this.buf.writeInt32BE(values.length, this.at);
      this.buf.writeInt32BE(1, this.at + 4); // lower bound
      this.at += 8;
      for (const v of values) this.text(v);
    }
    this.buf.writeInt32BE(this.at - start - 4, start);
  }

  private nullField() {
    this.reserve(4);
    this.buf.writeInt32BE(-1, this.at);
    this.at += 4;
  }

  /** Appends one row (the columns of `EVENT_COLUMNS`, in order): its document is number `seq` of block `blockId`. */
  add(r: EventRow, blockId: bigint, seq: number): void {
    this.reserve(2);
    this.buf.writeInt16BE(FIELDS, this.at);
    this.at += 2;
    this.text(r.id);
    this.timestamp(r.timestamp);
    this.text(r.hostName);
    this.text(r.hostId);
    this.text(r.userName);
    this.textArray(r.category);
    this.text(r.action);
    this.int4(r.processPid);
    this.int4(r.processPpid);
    this.text(r.processEntityId);
    this.text(r.parentEntityId);
    this.text(r.processName);
    this.text(r.commandLine);
    this.text(r.source);
    this.text(r.processExecutable);
    this.text(r.index);
    this.int8(blockId);
    this.int4(seq);
  }

  /** The bytes written, with the trailer when this buffer ends the COPY data. The writer is spent afterwards. */
  finish(trailer = true): Buffer {
    if (trailer) {
      this.reserve(2);
      this.buf.writeInt16BE(-1, this.at);
      this.at += 2;
    }
    return this.buf.subarray(0, this.at);
  }
}

/** The binary COPY data for a list of rows whose documents are, in order, those of block `blockId`. */
export function binaryCopyData(rows: readonly EventRow[], blockId: bigint): Buffer {
  const w = new BinaryCopyWriter(rows.length * 512 + 64);
  rows.forEach((r, seq) => w.add(r, blockId, seq));
  return w.finish();
}
