/** Runs once when the server starts: background work that belongs to the running app. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || !process.env.DATABASE_URL) return;
  const { startRetentionLoop } = await import("./lib/retention/event-retention");
  startRetentionLoop();
  const { startTicketSyncLoop } = await import("./lib/connectors/ticket-status-sync");
  startTicketSyncLoop();
}
