/**
 * Backpressure for ingest. At most `concurrency` batches are written at once (each holds a
 * database connection); at most `maxRequests` ingest requests are in progress (each holds at most
 * two parsed windows). A request beyond that is refused at once with 429 and `Retry-After`, which
 * Beats and Elastic Agent answer by backing off and re-sending — memory stays bounded.
 */
import { AppError } from "../api/app-error";

export class IngestGate {
  private requests = 0;
  private writing = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    readonly maxRequests: number,
    readonly concurrency: number,
    readonly retryAfterSeconds = 1,
  ) {}

  /** Admits a request or throws 429; the returned function ends it. */
  admit(): () => void {
    if (this.requests >= this.maxRequests) {
      throw new AppError("too_many_requests", `ingest is at capacity (${this.maxRequests} requests in progress); retry after ${this.retryAfterSeconds} s`, undefined, {
        "retry-after": String(this.retryAfterSeconds),
      });
    }
    this.requests++;
    let ended = false;
    return () => {
      if (!ended) this.requests--;
      ended = true;
    };
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

const numberFromEnv = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isInteger(v) && v > 0 ? v : fallback;
};

const cache = globalThis as unknown as { vigilIngestGate?: IngestGate };

/** The process-wide gate (VIGIL_INGEST_MAX_REQUESTS, default 4; VIGIL_INGEST_CONCURRENCY, default 2). */
export function ingestGate(): IngestGate {
  cache.vigilIngestGate ??= new IngestGate(numberFromEnv("VIGIL_INGEST_MAX_REQUESTS", 4), numberFromEnv("VIGIL_INGEST_CONCURRENCY", 2));
  return cache.vigilIngestGate;
}
