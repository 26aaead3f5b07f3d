/**
 * Backpressure for ingest. At most `concurrency` batches are written at once (each holds a
 * database connection); at most `maxRequests` ingest requests are in progress (each holds at most
 * two parsed windows). A request beyond that waits briefly in a bounded queue (admitWithin); a bulk
 * request still not admitted then has each item rejected with 429 `es_rejected_execution_exception`,
 * which Elasticsearch clients and shippers retry item by item. A request beyond the queue is refused
 * at once with 429 and `Retry-After` — memory stays bounded.
 */
import { AppError } from "../api/app-error";
import { config } from "../config";

export class IngestGate {
  private requests = 0;
  private writing = 0;
  private buffered = 0;
  private readonly queue: (() => void)[] = [];
  /** Requests waiting for a slot (admitWithin). */
  private readonly waiting: { grant: () => void }[] = [];

  constructor(
    readonly maxRequests: number,
    readonly concurrency: number,
    readonly retryAfterSeconds = 1,
    /** Bytes of request bodies being read (before a request is admitted) held at once. */
    readonly maxBufferedBytes = 48 * 1024 ** 2,
  ) {}

  /**
   * Holds `bytes` more of a body being read, or throws 429 when the bodies being read already hold
   * the budget; the returned function gives them back. Bodies are read before a request takes a
   * slot, so a slow client holds only the bytes it has sent, never a slot.
   */
  hold(bytes: number): () => void {
    if (this.buffered + bytes > this.maxBufferedBytes) {
      throw new AppError("too_many_requests", `ingest is at capacity (${this.maxBufferedBytes} bytes of request bodies being read); retry after ${this.retryAfterSeconds} s`, undefined, {
        "retry-after": String(this.retryAfterSeconds),
      });
    }
    this.buffered += bytes;
    let released = false;
    return () => {
      if (!released) this.buffered -= bytes;
      released = true;
    };
  }

  /** Admits a request or throws 429; the returned function ends it. */
  admit(): () => void {
    if (this.requests >= this.maxRequests) throw this.atCapacity(`${this.maxRequests} requests in progress`);
    this.requests++;
    return this.ender();
  }

  /**
   * Admits a request, waiting up to `waitMs` (in arrival order) for a slot, as Elasticsearch's write
   * queue does; null when none came free in time (the caller rejects per item). When `maxWaiting`
   * requests wait already, that is true overload: 429 at once.
   */
  async admitWithin(waitMs: number, maxWaiting: number): Promise<(() => void) | null> {
    if (this.requests < this.maxRequests) return this.admit();
    if (this.waiting.length >= maxWaiting) throw this.atCapacity(`${this.maxRequests} requests in progress and ${this.waiting.length} waiting`);
    return new Promise((resolve) => {
      const waiter = {
        grant: () => {
          clearTimeout(timer);
          resolve(this.ender());
        },
      };
      const timer = setTimeout(() => {
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        resolve(null);
      }, waitMs);
      this.waiting.push(waiter);
    });
  }

  /** Ends a request: its slot goes to the first waiting request, if any. */
  private ender(): () => void {
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      const next = this.waiting.shift();
      if (next) next.grant();
      else this.requests--;
    };
  }

  private atCapacity(why: string): AppError {
    return new AppError("too_many_requests", `ingest is at capacity (${why}); retry after ${this.retryAfterSeconds} s`, undefined, { "retry-after": String(this.retryAfterSeconds) });
  }

  /** Runs one batch write when a slot is free. */
  async write<T>(work: () => Promise<T>): Promise<T> {
    if (this.writing >= this.concurrency) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.writing++;
    try {
      return await work();
    } finally {
      const next = this.queue.shift();
      if (next) next();
      else this.writing--;
    }
  }

  get inProgress(): number {
    return this.requests;
  }
}

const cache = globalThis as unknown as { vigilIngestGate?: IngestGate };

/** The process-wide gate (VIGIL_INGEST_MAX_REQUESTS, VIGIL_INGEST_CONCURRENCY, VIGIL_INGEST_BUFFER_BYTES). */
export function ingestGate(): IngestGate {
  const c = config();
  cache.vigilIngestGate ??= new IngestGate(c.VIGIL_INGEST_MAX_REQUESTS, c.VIGIL_INGEST_CONCURRENCY, 1, c.VIGIL_INGEST_BUFFER_BYTES);
  return cache.vigilIngestGate;
}
