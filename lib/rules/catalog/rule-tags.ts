/** The tags of the catalogue with how many rules carry each, for the rules page's tag filter. */
import type { PrismaClient } from "../../db/client";

export async function ruleTags(prisma: PrismaClient): Promise<{ tag: string; rules: number }[]> {
  const rows = await prisma.$queryRaw<{ tag: string; rules: bigint }[]>`
    SELECT t AS tag, count(*) AS rules FROM "rule", unnest("tags") AS t GROUP BY t ORDER BY count(*) DESC, t LIMIT 500`;
  return rows.map((r) => ({ tag: r.tag, rules: Number(r.rules) }));
}
