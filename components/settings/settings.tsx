"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

interface User {
  id: string;
  username: string;
  name: string;
  role: string;
  disabled: boolean;
}
interface Key {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

async function send(url: string, method: string, body?: unknown) {
  const res = await fetch(url, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const json = res.status === 204 ? {} : await res.json();
  if (!res.ok) throw new Error(json.error?.message ?? `failed (${res.status})`);
  return json;
}

/** Admins manage users (with roles) and API keys (secret shown once; stored hashed). */
export function Settings({ meId, users, keys }: { meId: string; users: User[]; keys: Key[] }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // One change at a time: a second click while one is in flight does nothing.
  const act = async (fn: () => Promise<unknown>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await fn();
      router.refresh();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };

  function addUser(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const form = e.currentTarget;
    act(async () => {
      await send("/api/v1/users", "POST", { username: f.get("username"), name: f.get("name"), password: f.get("password"), role: f.get("role") });
      form.reset();
    });
  }
  function addKey(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    act(async () => {
      const created = await send("/api/v1/api-keys", "POST", { name: f.get("name"), scopes: f.getAll("scopes") });
      setSecret(created.key);
    });
  }

  return (
    <>
      {error && <p className="error" role="alert">{error}</p>}
      <section className="card" id="users">
        <h2>Users</h2>
        <table className="grid" data-testid="users">
          <thead>
            <tr>
              <th>Username</th>
              <th>Name</th>
              <th>Role</th>
              <th>State</th>
              <th>Actions</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.username}</td>
                <td>{u.name}</td>
                <td>
                  <select aria-label={`role of ${u.username}`} value={u.role} disabled={u.id === meId} onChange={(e) => act(() => send(`/api/v1/users/${u.id}`, "PATCH", { role: e.target.value }))}>
                    <option value="viewer">viewer</option>
                    <option value="analyst">analyst</option>
                    <option value="admin">admin</option>
                  </select>
                </td>
                <td>{u.disabled ? <span className="badge badge-danger">disabled</span> : <span className="badge">enabled</span>}</td>
                <td>
                  {u.id !== meId && (
                    <>
                      <button
                        disabled={busy}
                        onClick={() =>
                          confirm(`${u.disabled ? "Enable" : "Disable"} ${u.username}?${u.disabled ? "" : " Their sessions end now and they cannot sign in."}`) &&
                          act(() => send(`/api/v1/users/${u.id}`, "PATCH", { disabled: !u.disabled }))
                        }
                      >
                        {u.disabled ? "Enable" : "Disable"}
                      </button>{" "}
                      <button
                        disabled={busy}
                        onClick={() => {
                          const password = prompt(`New password for ${u.username} (12+ characters, not guessable). Their sessions end.`);
                          if (password) act(() => send(`/api/v1/users/${u.id}`, "PATCH", { password }));
                        }}
                      >
                        Reset password
                      </button>{" "}
                      <button
                        disabled={busy}
                        onClick={() => confirm(`Delete ${u.username}? Their alerts, cases and history stay, without them.`) && act(() => send(`/api/v1/users/${u.id}`, "DELETE"))}
                      >
                        Delete
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <form className="filters" onSubmit={addUser} style={{ marginTop: 12 }}>
          <label>
            Username <input name="username" required />
          </label>
          <label>
            Name <input name="name" required />
          </label>
          <label>
            Password <input name="password" type="password" required minLength={12} />
          </label>
          <label>
            Role
            <select name="role" defaultValue="analyst">
              <option value="viewer">viewer</option>
              <option value="analyst">analyst</option>
              <option value="admin">admin</option>
            </select>
          </label>
          <button type="submit">Add user</button>
        </form>
      </section>
      <section className="card" id="api-keys">
        <h2>API keys</h2>
        {secret && (
          <p data-testid="new-key">
            New key (shown once, store it now): <span className="mono">{secret}</span>
          </p>
        )}
        <table className="grid" data-testid="keys">
          <thead>
            <tr>
              <th>Name</th>
              <th>Key</th>
              <th>Scopes</th>
              <th>Created</th>
              <th>Last used</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td>
                <td className="mono">{k.prefix}…</td>
                <td>{k.scopes.join(", ")}</td>
                <td>{new Date(k.createdAt).toLocaleString()}</td>
                <td>{k.lastUsedAt ? new Date(k.lastUsedAt).toLocaleString() : "never"}</td>
                <td>{k.revokedAt ? "revoked" : <button onClick={() => act(() => send(`/api/v1/api-keys/${k.id}`, "DELETE"))}>Revoke</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <form className="filters" onSubmit={addKey} style={{ marginTop: 12 }}>
          <label>
            Name <input name="name" required />
          </label>
          <label>
            <span>
              <input type="checkbox" name="scopes" value="ingest" defaultChecked /> ingest
            </span>
          </label>
          <label>
            <span>
              <input type="checkbox" name="scopes" value="read" /> read
            </span>
          </label>
          <button type="submit">Create key</button>
        </form>
      </section>
    </>
  );
}
