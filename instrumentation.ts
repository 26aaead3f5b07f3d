/** Runs once when the server starts: background work that belongs to the running app. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  // The rule catalogue up to date (built-in rules installed) and the detector built before the first request.
  const { syncRules } = await import("./lib/detect");
  await syncRules().catch((err) => console.error("vigil: could not load the rule catalogue at start (ingest will retry)", err));
  const { startRetentionLoop } = await import("./lib/retention/event-retention");
  startRetentionLoop();
  const { startActionsLoop } = await import("./lib/rules/actions/notify-new-alerts");
  startActionsLoop();
  const { startTicketSyncLoop } = await import("./lib/connectors/ticket-status-sync");
  startTicketSyncLoop();
}
