/** What admins send to create or edit a connector, validated by the kind's own schemas (URL policy included). */
import { z } from "zod";
import { CONNECTOR_KIND_NAMES, CONNECTOR_KINDS, type ConnectorKind } from "./drivers";

/** The config and secret parsed by the kind's schemas (undefined when not given), and what is wrong with them. */
export function checkKind(kind: ConnectorKind, config: unknown, secret: unknown) {
  const k = CONNECTOR_KINDS[kind];
  const c = config === undefined ? null : k.config.safeParse(config);
  const s = secret === undefined ? null : k.secret.safeParse(secret);
  const issues: { path: string[]; message: string }[] = [];
  for (const [where, r] of [["config", c], ["secret", s]] as const) {
    if (r && !r.success) for (const i of r.error.issues) issues.push({ path: [where, ...i.path.map(String)], message: i.message });
  }
  return { config: c?.data as object | undefined, secret: s?.data as object | undefined, issues };
}

export const ZNewConnector = z
  .object({ name: z.string().trim().min(1).max(100), kind: z.enum(CONNECTOR_KIND_NAMES), config: z.unknown(), secret: z.unknown().optional() })
  .strict()
  .transform((c, ctx) => {
    const { config, secret, issues } = checkKind(c.kind, c.config, c.secret ?? {});
    for (const i of issues) ctx.addIssue({ code: "custom", ...i });
    return { ...c, config: config!, secret };
  });

/** An edit: the kind stays; the secret is replaced only when sent. */
export const ZConnectorPatch = z
  .object({ name: z.string().trim().min(1).max(100).optional(), config: z.unknown().optional(), secret: z.unknown().optional() })
  .strict()
  .refine((p) => Object.keys(p).length > 0, "nothing to change");
export type TConnectorPatch = z.infer<typeof ZConnectorPatch>;
