/** The administration API's answers: users, the signed-in user, API keys, connectors, the audit log. */
import { z } from "zod";
import { zJson, zTime, zTimeOrNull } from "./common";

export const ZUserJson = z.object({ id: z.string(), username: z.string().nullable(), name: z.string(), role: z.string().nullable(), disabled: z.boolean(), created_at: z.string() });
export const ZUserList = z.object({ users: z.array(ZUserJson) });
export const ZUserCreated = z.object({ id: z.string(), username: z.string(), role: z.string() });
export const ZMe = z.object({ id: z.string(), username: z.string().nullable(), name: z.string(), role: z.string().nullable() });

export const ZApiKeyList = z.object({
  keys: z.array(z.object({ id: z.string(), name: z.string(), prefix: z.string(), scopes: z.array(z.string()), createdAt: zTime, lastUsedAt: zTimeOrNull, revokedAt: zTimeOrNull })),
});
/** The only answer that carries a key's secret: the one that created it. */
export const ZApiKeyCreated = z.object({ id: z.string(), key: z.string() });
export const ZApiKeyRevoked = z.object({ revoked: z.string() });

/** Connectors never answer their credentials, only whether some are stored. */
export const ZConnectorList = z.object({
  connectors: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), config: zJson, createdAt: zTime, has_secret: z.boolean() })),
});
export const ZConnectorSaved = z.object({ id: z.string(), name: z.string(), kind: z.string() });
export const ZConnectorWebhook = z.object({ url: z.string(), secret: z.string(), signature_header: z.string() });
export const ZNotifyAnswer = z.object({ checked: z.number().int(), closed: z.number().int() });
export const ZConnectorTest = z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), reason: z.string() })]);

export const ZAuditPage = z.object({
  entries: z.array(
    z.object({
      at: z.string(),
      actor: z.object({ id: z.string().nullable(), name: z.string(), kind: z.string(), ip: z.string().nullable() }),
      action: z.string(),
      target_type: z.string(),
      target_id: z.string().nullable(),
      changes: zJson,
    }),
  ),
  next_cursor: z.string().nullable(),
});
