/**
 * Elasticsearch's bulk protocol, line by line: action/metadata lines and their documents become
 * items. Events are immutable in Vigil: `create` and `index` store, `update` and `delete` are
 * refused per item. A malformed action line fails the request, as in Elasticsearch.
 */
import { AppError } from "../../api/app-error";

export interface ItemError {
  status: number;
  type: string;
  reason: string;
}

export interface BulkItem {
  op: "create" | "index" | "update" | "delete";
  /** The index or data stream it targets. */
  index: string;
  id: string | null;
  /** The parsed document, its text and its bytes as received (create and index only). */
  doc?: unknown;
  raw?: string;
  bytes?: Uint8Array;
  error?: ItemError;
}

type Meta = { _index?: unknown; _id?: unknown };
const OPS = new Set(["create", "index", "update", "delete"]);

export class BulkActionReader {
  private awaiting: { op: BulkItem["op"]; index: string; id: string | null } | null = null;
  private count = 0;

  constructor(private readonly defaultIndex: string | null) {}

  /** Items read so far. */
  get items(): number {
    return this.count;
  }

  /** Reads one line (its bytes, when given, are kept with its document); returns the item it completes, if any. */
  feed(text: string, line: number, bytes?: Uint8Array): BulkItem | null {
    if (this.awaiting) {
      const { op, index, id } = this.awaiting;
      this.awaiting = null;
      return this.item(this.source(op, index, id, text, bytes));
    }
    if (text.trim() === "") return null;
    let action: unknown;
    try {
      action = JSON.parse(text);
    } catch {
      throw new AppError("bad_request", `Malformed action/metadata line [${line}], expected a JSON object`);
    }
    const ops = action && typeof action === "object" && !Array.isArray(action) ? Object.keys(action) : [];
    if (ops.length !== 1) throw new AppError("bad_request", `Malformed action/metadata line [${line}], expected one of create, index, update, delete`);
    const op = ops[0];
    if (!OPS.has(op)) throw new AppError("bad_request", `Malformed action/metadata line [${line}], unknown action [${op}]`);
    const meta = ((action as Record<string, unknown>)[op] ?? {}) as Meta;
    const index = typeof meta._index === "string" && meta._index !== "" ? meta._index : this.defaultIndex;
    if (!index) throw new AppError("bad_request", `action/metadata line [${line}]: index is missing`);
    const id = typeof meta._id === "string" && meta._id !== "" ? meta._id : null;
    if (op === "delete") return this.item({ op, index, id, error: refused("delete") });
    this.awaiting = { op: op as BulkItem["op"], index, id };
    return null;
  }

  /** The end of the body: an action still waiting for its document is an item error. */
  finish(): BulkItem | null {
    if (!this.awaiting) return null;
    const { op, index, id } = this.awaiting;
    this.awaiting = null;
    return this.item({ op, index, id, error: missingSource() });
  }

  private item(item: BulkItem): BulkItem {
    this.count++;
    return item;
  }

  private source(op: BulkItem["op"], index: string, id: string | null, text: string, bytes?: Uint8Array): BulkItem {
    if (text.trim() === "") return { op, index, id, error: missingSource() };
    if (op === "update") return { op, index, id, error: refused("update") };
    try {
      return { op, index, id, doc: JSON.parse(text), raw: text, bytes };
    } catch (err) {
      return { op, index, id, error: { status: 400, type: "document_parsing_exception", reason: `failed to parse: ${(err as Error).message}` } };
    }
  }
}

const refused = (op: string): ItemError => ({ status: 400, type: "illegal_argument_exception", reason: `Vigil keeps events as received: ${op} is not supported` });
const missingSource = (): ItemError => ({ status: 400, type: "action_request_validation_exception", reason: "Validation Failed: 1: source is missing;" });
