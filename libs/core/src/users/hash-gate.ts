/**
 * At most `concurrency` tasks at once; up to `queueLimit` more wait in line (first come, first served); beyond that
 * `run` rejects at once with `HashGateFull`, so a burst of sign-ins cannot pile up 64 MiB argon2 hashes without bound.
 */
export class HashGateFull extends Error {
  constructor() {
    super('too many password checks in progress');
    this.name = 'HashGateFull';
  }
}

export class HashGate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Most tasks seen running at once (for tests and diagnostics). */
  peak = 0;

  constructor(
    readonly concurrency: number,
    readonly queueLimit: number,
  ) {}

  get running(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) {
      if (this.waiting.length >= this.queueLimit) throw new HashGateFull();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    this.peak = Math.max(this.peak, this.active);
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // the slot passes straight to the next in line
      else this.active--;
    }
  }
}
