import type { z } from "zod";
import { ZWebhookConfig, ZWebhookSecret } from "../webhook";
import type { Driver } from "./driver";
import { iris, ZIrisConfig, ZIrisSecret } from "./iris";
import { jira, ZJiraConfig, ZJiraSecret } from "./jira";
import { servicenow, ZServiceNowConfig, ZServiceNowSecret } from "./servicenow";
import { thehive, ZTheHiveConfig, ZTheHiveSecret } from "./thehive";
import { webhook } from "./webhook";

/** Every connector kind: its settings, its credentials (stored sealed) and its driver. */
export const CONNECTOR_KINDS = {
  webhook: { config: ZWebhookConfig, secret: ZWebhookSecret, driver: webhook },
  jira: { config: ZJiraConfig, secret: ZJiraSecret, driver: jira },
  servicenow: { config: ZServiceNowConfig, secret: ZServiceNowSecret, driver: servicenow },
  thehive: { config: ZTheHiveConfig, secret: ZTheHiveSecret, driver: thehive },
  iris: { config: ZIrisConfig, secret: ZIrisSecret, driver: iris },
} as const satisfies Record<string, { config: z.ZodType; secret: z.ZodType; driver: Driver<never, never> }>;

export type ConnectorKind = keyof typeof CONNECTOR_KINDS;
export const CONNECTOR_KIND_NAMES = Object.keys(CONNECTOR_KINDS) as [ConnectorKind, ...ConnectorKind[]];
