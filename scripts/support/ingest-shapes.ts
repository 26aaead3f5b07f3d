/**
 * Bodies within the default limits (10 MB for /api/v1/events, 2 GiB streamed for /es/_bulk) shaped
 * to cost memory: many tiny documents, huge arrays, blank lines, wide objects, deep nesting. Each
 * must be answered (any status with a message, or a bulk result) with the server's resident memory
 * under the bound, and the server must answer /api/health after it.
 */
export interface Shape {
  name: string;
  route: "/api/v1/events" | "/es/_bulk";
  contentType: string;
  body: () => Buffer;
}

const MB = 1024 * 1024;
const repeatTo = (unit: string, bytes: number) => Buffer.from(unit.repeat(Math.floor(bytes / unit.length)));
const NOW = new Date().toISOString();

export const SHAPES: Shape[] = [
  { name: "400,000 lines of {} (1.2 MB)", route: "/api/v1/events", contentType: "application/x-ndjson", body: () => repeatTo("{}\n", 1.2 * MB) },
  { name: "a JSON array of 400,000 {} (1.2 MB)", route: "/api/v1/events", contentType: "application/json", body: () => Buffer.from(`[${"{},".repeat(399_999)}{}]`) },
  { name: "a JSON array of 3.3 million {} (10 MB)", route: "/api/v1/events", contentType: "application/json", body: () => Buffer.from(`[${"{},".repeat(3_300_000)}{}]`) },
  { name: "9.9 MB of blank lines", route: "/api/v1/events", contentType: "application/x-ndjson", body: () => repeatTo("\n", 9.9 * MB) },
  { name: "an object with 400,000 keys (7 MB)", route: "/api/v1/events", contentType: "application/json", body: () => Buffer.from(`{"@timestamp":"${NOW}",${Array.from({ length: 400_000 }, (_, i) => `"k${i}":1`).join(",")}}`) },
  { name: "10,000 lines of bad events (the most admitted)", route: "/api/v1/events", contentType: "application/x-ndjson", body: () => Buffer.from(`{"@timestamp":"yesterday","x":"${"y".repeat(200)}"}\n`.repeat(10_000)) },
  { name: "nesting 5 million deep (10 MB)", route: "/api/v1/events", contentType: "application/json", body: () => Buffer.from("[".repeat(5_000_000) + "]".repeat(5_000_000)) },
  { name: "_bulk of 360,000 empty documents (10 MB)", route: "/es/_bulk", contentType: "application/x-ndjson", body: () => repeatTo('{"create":{"_index":"l"}}\n{}\n', 10 * MB) },
  { name: "_bulk of 6 million blank lines", route: "/es/_bulk", contentType: "application/x-ndjson", body: () => repeatTo("\n", 6 * MB) },
];
