/**
 * The server's node flags: VIGIL_NODE_ARGS, with the heap bound (`--max-old-space-size`) raised by
 * what the rule catalogue can need. Compiled rules stay in the heap — 60.5 MB for Elastic's 1,024
 * production rules in a bundled build, ~59 kB each (docs/decisions/rule-memory.md) — so the
 * bound grows by 128 kB per rule that compiles, enabled or not (any may be enabled without a
 * restart): the rule, and as much again of room, without which the collector runs near the bound
 * all the time. Read before every start, so a server restarted after imports gets the room.
 */
import pg from "pg";

export const HEAP_KB_PER_RULE = 128;

export function withRuleHeap(nodeArgs: string, rules: number): string[] {
  const extraMb = Math.ceil((rules * HEAP_KB_PER_RULE) / 1024);
  return nodeArgs
    .split(/\s+/)
    .filter(Boolean)
    .map((a) => {
      const m = /^--max-old-space-size=(\d+)$/.exec(a);
      return m ? `--max-old-space-size=${Number(m[1]) + extraMb}` : a;
    });
}

/** Rules in the catalogue whose queries compile (0 when it cannot be read: the configured bound stands). */
export async function catalogueSize(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM "rule" WHERE "status" = 'ok'`);
    return Number(rows[0].n);
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => undefined);
  }
}
