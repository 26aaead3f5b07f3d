/**
 * Reads and throws away what is left of a request body (up to `cap` bytes) before an early error
 * response. An HTTP client still sending its body reads no answer if the server closes the
 * connection on it: it sees a reset and retries the same request forever, where a 413 or 400
 * would have told it what is wrong (Beats split a batch on 413).
 */
export const DISCARD_CAP = 64 * 1024 * 1024;

export async function discardRest(reader: ReadableStreamDefaultReader<Uint8Array>, cap = DISCARD_CAP): Promise<void> {
  let seen = 0;
  try {
    while (seen <= cap) {
      const { done, value } = await reader.read();
      if (done) return;
      seen += value.byteLength;
    }
    await reader.cancel();
  } catch {
    // The client went away: nothing to answer.
  }
}

/** The same for a body nobody has started reading. */
export async function discardBody(req: Request, cap = DISCARD_CAP): Promise<void> {
  if (!req.body || req.bodyUsed) return;
  await discardRest(req.body.getReader(), cap);
}
