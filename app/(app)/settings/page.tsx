import { Connectors } from "@/components/settings/connectors";
import { AuditLog } from "@/components/settings/audit-log";
import { ActionPolicies, type PolicyRow } from "@/components/settings/action-policies";
import { listActionPolicies } from "@/lib/rules/actions/action-policies";
import { Settings } from "@/components/settings/settings";
import { requireUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";

export const dynamic = "force-dynamic";

type ConnectorConfig = Record<string, unknown> & { url?: string; baseUrl?: string; instanceUrl?: string };
/** Where the connector sends (shown in the list). */
const connectorUrl = (config: unknown) => {
  const c = config as ConnectorConfig;
  return c.url ?? c.baseUrl ?? c.instanceUrl ?? "";
};
/** A connector's settings for the edit form (credentials are kept apart, in the sealed secret, and never sent). */
const connectorSettings = (config: unknown) => (config && typeof config === "object" ? (config as Record<string, unknown>) : {});

/** The page's sections, in page order, for its side navigation. */
const SECTIONS = [
  ["connectors", "Ticketing connectors"],
  ["users", "Users"],
  ["api-keys", "API keys"],
  ["notifications", "Notifications by severity"],
  ["audit-log", "Audit log"],
] as const;

export default async function SettingsPage() {
  const me = await requireUser("admin");
  const [users, keys, connectors, policies] = await Promise.all([
    db().user.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, username: true, name: true, role: true, banned: true } }),
    db().apiKey.findMany({ orderBy: { createdAt: "desc" }, select: { id: true, name: true, prefix: true, scopes: true, createdAt: true, lastUsedAt: true, revokedAt: true } }),
    db().connector.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, name: true, kind: true, config: true } }),
    listActionPolicies(db()),
  ]);
  // Dates as text for the client component.
  const policyRows: PolicyRow[] = JSON.parse(JSON.stringify(policies));
  return (
    <>
      <h1>Settings</h1>
      <div className="settings-layout">
        <nav className="settings-nav" aria-label="Settings sections">
          {SECTIONS.map(([id, label]) => (
            <a key={id} href={`#${id}`}>
              {label}
            </a>
          ))}
        </nav>
        <div className="settings-sections">
          <Connectors connectors={connectors.map((c) => ({ id: c.id, name: c.name, kind: c.kind, config: connectorSettings(c.config), url: connectorUrl(c.config) }))} />
          <Settings
            meId={me.id}
            users={users.map((u) => ({ id: u.id, name: u.name, username: u.username ?? u.name, role: u.role ?? "viewer", disabled: u.banned === true }))}
            keys={keys.map((k) => ({ ...k, createdAt: k.createdAt.toISOString(), lastUsedAt: k.lastUsedAt?.toISOString() ?? null, revokedAt: k.revokedAt?.toISOString() ?? null }))}
          />
          <ActionPolicies policies={policyRows} />
          <AuditLog />
        </div>
      </div>
    </>
  );
}
