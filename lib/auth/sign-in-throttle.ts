/**
 * Growing delays for failed sign-ins, per account and per client address: after `free` failures
 * within `windowMs`, each further attempt must wait 1 s, 2 s, 4 s … (at most `maxDelayMs`) after
 * the last failure, else it is refused with 429 and Retry-After before the password is checked.
 * A success clears the account's and the address's count. Per account, so that guessing one
 * user's password from many addresses is slowed; per address, so that one address trying many
 * accounts is too. In memory (Vigil serves from one process), bounded to `maxKeys` entries.
 */
export interface ThrottleOptions {
  free: number;
  windowMs?: number;
  maxDelayMs?: number;
  maxKeys?: number;
  now?: () => number;
}

interface Entry {
  failures: number;
  first: number;
  last: number;
}

export class SignInThrottle {
  private readonly entries = new Map<string, Entry>();
  private readonly windowMs: number;
  private readonly maxDelayMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;

  constructor(private readonly options: ThrottleOptions) {
    this.windowMs = options.windowMs ?? 15 * 60_000;
    this.maxDelayMs = options.maxDelayMs ?? 15 * 60_000;
    this.maxKeys = options.maxKeys ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  private entry(key: string): Entry | null {
    const e = this.entries.get(key);
    if (e && this.now() - e.first > this.windowMs) {
      this.entries.delete(key);
      return null;
    }
    return e ?? null;
  }

  /** Milliseconds to wait before `key` may try again (0: now). */
  waitMs(key: string): number {
    const e = this.entry(key);
    if (!e || e.failures < this.options.free) return 0;
    const delay = Math.min(1000 * 2 ** (e.failures - this.options.free), this.maxDelayMs);
    return Math.max(0, e.last + delay - this.now());
  }

  failed(key: string): void {
    const now = this.now();
    const e = this.entry(key);
    if (e) {
      e.failures++;
      e.last = now;
      // Most recently failed last: the oldest entries are the ones dropped when full.
      this.entries.delete(key);
      this.entries.set(key, e);
      return;
    }
    if (this.entries.size >= this.maxKeys) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { failures: 1, first: now, last: now });
  }

  succeeded(key: string): void {
    this.entries.delete(key);
  }
}
