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

export function jsonShape(text: string, maxElements: number, maxDepth: number, maxKeys = Infinity): JsonShape {
  let depth = 0;
  let keys = 0;
  let widest = 0;
  let deepest = 0;
  let inString = false;
  let topArray = false;
  let elements = 0;
  let sawValue = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
      continue;
    }
    if (c === QUOTE) {
      inString = true;
      if (depth === 1 && topArray) sawValue = true;
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (depth === 0) topArray = c === 0x5b;
      else if (depth === 1 && topArray) sawValue = true;
      if (++depth > deepest && (deepest = depth) > maxDepth) break;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) {
      depth--;
    } else if (c === COLON) {
      if (++keys > widest && (widest = keys) > maxKeys) break;
    } else if (depth === 1 && topArray) {
      if (c === COMMA) {
        keys = 0;
        if (++elements > maxElements) return { elements, depth: deepest, widest };
      } else if (c > 0x20) sawValue = true;
    }
  }
  return { elements: topArray ? elements + (sawValue ? 1 : 0) : 1, depth: deepest, widest };
}
