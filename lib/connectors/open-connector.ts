/**
 * A stored connector made ready to call: its kind's driver, and its settings and credentials
 * (unsealed, both checked by the kind's schemas) when asked for — a misconfigured connector
 * throws the ZodError there, which callers report as "misconfigured". A kind Vigil does not know is null.
 */
import { CONNECTOR_KINDS, type ConnectorKind } from "./drivers";
import type { Driver } from "./drivers/driver";
import { open } from "./secret-box";

export interface ConnectorDriver {
  driver: Driver<never, never>;
  settings: () => { config: never; secret: never };
}

export function connectorDriver(row: { kind: string; config: unknown; secret: string | null }): ConnectorDriver | null {
  if (!(row.kind in CONNECTOR_KINDS)) return null;
  const kind = CONNECTOR_KINDS[row.kind as ConnectorKind];
  return {
    driver: kind.driver as Driver<never, never>,
    settings: () => ({ config: kind.config.parse(row.config) as never, secret: kind.secret.parse(row.secret ? open(row.secret) : {}) as never }),
  };
}
