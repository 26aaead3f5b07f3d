/**
 * The shape of a JSON text — how many top-level array elements, how deep, how wide — found by one linear,
 * iterative scan that builds no values, before JSON.parse builds any. A body of 3 million `{}` or
 * nested 5 million deep is refused on its shape instead of costing memory or stack. Syntax is not
 * checked here (JSON.parse does that, and names the position).
 */
export interface JsonShape {
  /** Elements of a top-level array (1 for any other value), counted up to `maxElements + 1`. */
  elements: number;
  /** Deepest nesting of arrays and objects, counted up to `maxDepth + 1`. */
  depth: number;
  /** Most object keys in one document (a top-level array's element, or the whole value), counted up to `maxKeys + 1`. */
  widest: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;

/**
 * The same scan fed chunk by chunk (bytes of UTF-8 or char codes of a string: every character it
 * looks at is ASCII, and no byte of a multi-byte UTF-8 sequence is), so a body can be judged while
 * it arrives and refused before it is all read. `over` turns true once a limit is passed.
 */
export class JsonShapeScanner {
  private depth = 0;
  private keys = 0;
  private widest = 0;
  private deepest = 0;
  private inString = false;
  private escaped = false;
  private topArray = false;
  private elements = 0;
  private sawValue = false;
  over = false;

  constructor(
    private readonly maxElements: number,
    private readonly maxDepth: number,
    private readonly maxKeys = Infinity,
  ) {}

  /** Scans more of the text; returns false once a limit is passed (stop feeding). */
  feed(chunk: string | Uint8Array): boolean {
    const text = typeof chunk === "string" ? chunk : null;
    const bytes = typeof chunk === "string" ? null : chunk;
    for (let i = 0; i < chunk.length && !this.over; i++) {
      const c = text !== null ? text.charCodeAt(i) : bytes![i];
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) this.inString = false;
        continue;
      }
      if (c === QUOTE) {
        this.inString = true;
        if (this.depth === 1 && this.topArray) this.sawValue = true;
      } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
        if (this.depth === 0) this.topArray = c === 0x5b;
        else if (this.depth === 1 && this.topArray) this.sawValue = true;
        if (++this.depth > this.deepest && (this.deepest = this.depth) > this.maxDepth) this.over = true;
      } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
        this.depth--;
      } else if (c === COLON) {
        if (++this.keys > this.widest && (this.widest = this.keys) > this.maxKeys) this.over = true;
      } else if (this.depth === 1 && this.topArray) {
        if (c === COMMA) {
          this.keys = 0;
          if (++this.elements > this.maxElements) this.over = true;
        } else if (c > 0x20) this.sawValue = true;
      }
    }
    return !this.over;
  }

  get shape(): JsonShape {
    const elements = !this.topArray ? 1 : this.elements > this.maxElements ? this.elements : this.elements + (this.sawValue ? 1 : 0);
    return { elements, depth: this.deepest, widest: this.widest };
  }
}

export function jsonShape(text: string, maxElements: number, maxDepth: number, maxKeys = Infinity): JsonShape {
  const scanner = new JsonShapeScanner(maxElements, maxDepth, maxKeys);
  scanner.feed(text);
  return scanner.shape;
}
