/**
 * The documents of stored events, read back from their windows' blocks (document-blocks.ts): the
 * document as received, and the ECS event the rules read — derived again by the event's source
 * normalizer, which is what ingest did before detection.
 */
import { db } from "../db/client";
import { frameReader, type FrameReader } from "../ingest/store/document-blocks";
import { normalizeSource, SourceError, type Source } from "../ingest/normalize/sources";

/** Where an event's document is: select these columns of `event` (a Prisma `select`). */
export const DOCUMENT_REF = { id: true, source: true, blockId: true, blockSeq: true } as const;

export interface DocumentRef {
  id: string;
  source: string;
  blockId: bigint | string;
  blockSeq: number;
}

export interface EventDocuments {
  /** The event as the rules and the process tree read it (ECS). */
  doc: Record<string, unknown>;
  /** The document as received, when its normalizer changed it. */
  original: Record<string, unknown> | null;
}

/** One round trip for the frames the events are in (each frame once), then one decompression per frame. */
export async function eventDocuments(events: readonly DocumentRef[]): Promise<Map<string, EventDocuments>> {
  const out = new Map<string, EventDocuments>();
  const frames = await readFrames(events);
  for (const e of events) {
    const text = frames.text(e);
    if (text !== undefined) out.set(e.id, documentsOf(e.source, JSON.parse(text) as Record<string, unknown>));
  }
  return out;
}

/** The frames holding the events; each decompressed when one of its events is first asked for, each event's text decoded then. */
export interface StoredFrames {
  text(ref: Pick<DocumentRef, "blockId" | "blockSeq">): string | undefined;
}

/** Reads the frames the events are in, each once, in one round trip (through `query`, e.g. a pool). */
export async function readFrames(events: readonly Pick<DocumentRef, "blockId" | "blockSeq">[], query: FrameQuery = prismaQuery): Promise<StoredFrames> {
  const frames = new Map<string, { row: FrameRow; reader: FrameReader | null; first: number }>();
  const frameDocs = new Map<string, number>();
  if (events.length) {
    const rows = await query(
      `SELECT f.block::text AS block, f.frame, b."frameDocs", b."codec",
              substring(b."docs" FROM b."frames"[f.frame + 1] + 1 FOR b."frames"[f.frame + 2] - b."frames"[f.frame + 1]) AS data
         FROM (SELECT DISTINCT w.block, w.seq / x."frameDocs" AS frame
                 FROM unnest($1::bigint[], $2::int[]) AS w(block, seq) JOIN "event_block" x ON x."id" = w.block) f
         JOIN "event_block" b ON b."id" = f.block`,
      [events.map((e) => String(e.blockId)), events.map((e) => e.blockSeq)],
    );
    for (const r of rows) {
      frames.set(`${r.block}:${r.frame}`, { row: r, reader: null, first: r.frame * r.frameDocs });
      frameDocs.set(r.block, r.frameDocs);
    }
  }
  return {
    text(e) {
      const size = frameDocs.get(String(e.blockId));
      const frame = size === undefined ? undefined : frames.get(`${e.blockId}:${Math.floor(e.blockSeq / size)}`);
      if (!frame) return undefined;
      frame.reader ??= frameReader(frame.row.codec, frame.row.data);
      return frame.reader.text(e.blockSeq - frame.first);
    },
  };
}

type FrameRow = { block: string; frame: number; frameDocs: number; codec: string; data: Uint8Array };
export type FrameQuery = (sql: string, params: unknown[]) => Promise<FrameRow[]>;
const prismaQuery: FrameQuery = (sql, params) => db().$queryRawUnsafe<FrameRow[]>(sql, ...params);

/** The event as the rules read it, from its document as received. */
export function documentsOf(source: string, received: Record<string, unknown>): EventDocuments {
  try {
    const doc = normalizeSource(source as Source, received);
    return { doc, original: doc === received ? null : received };
  } catch (err) {
    // A normalizer that no longer reads an old document: show it as received.
    if (err instanceof SourceError) return { doc: received, original: null };
    throw err;
  }
}
