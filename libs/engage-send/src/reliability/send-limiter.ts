/** Why a slot could not be had. */
export type AcquireRefusal = 'queue-full' | 'closed' | 'timeout';

interface Waiter {
  grant: () => void;
  refuse: (reason: AcquireRefusal | 'aborted') => void;
}

/** A rejection from {@link SendLimiter.acquire}; the service maps it to a typed error. */
export class AcquireRefusedError extends Error {
  constructor(readonly reason: AcquireRefusal | 'aborted') {
    super(`send slot refused: ${reason}`);
  }
}

/**
 * Bounds the sends in flight for one registration, with a bounded FIFO queue
 * behind them. A send holds its slot across its retries, so a burst of
 * failures cannot multiply the load on Engage. When the queue is full,
 * `acquire` fails at once: back-pressure the caller can see, not a queue that
 * grows until the process runs out of memory.
 */
export class SendLimiter {
  private running = 0;
  private readonly waiters: Waiter[] = [];
  private head = 0;
  private closed = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    readonly maxInFlight: number,
    readonly maxQueue: number,
  ) {}

  /** Sends holding a slot. */
  get inFlight(): number {
    return this.running;
  }

  /** Sends waiting for a slot. */
  get queued(): number {
    return this.waiters.length - this.head;
  }

  /**
   * Takes a slot at once if one is free and nobody waits (and the limiter is
   * open); returns its release function, or `undefined`.
   */
  tryAcquire(): (() => void) | undefined {
    if (this.closed || this.running >= this.maxInFlight || this.queued > 0) return undefined;
    this.running++;
    return this.releaser();
  }

  /**
   * Waits for a slot; resolves with its release function (call it once).
   * Rejects with {@link AcquireRefusedError}: `queue-full`, `closed`,
   * `aborted` when `signal` fires while waiting, or `timeout` after
   * `timeoutMs` of waiting.
   */
  acquire(signal?: AbortSignal, timeoutMs?: number): Promise<() => void> {
    if (this.closed) return Promise.reject(new AcquireRefusedError('closed'));
    // An abort that already happened fires no event: check it now, or it would wait its turn.
    if (signal?.aborted) return Promise.reject(new AcquireRefusedError('aborted'));
    if (this.running < this.maxInFlight && this.queued === 0) {
      this.running++;
      return Promise.resolve(this.releaser());
    }
    if (this.queued >= this.maxQueue) return Promise.reject(new AcquireRefusedError('queue-full'));
    if (timeoutMs !== undefined && timeoutMs <= 0) return Promise.reject(new AcquireRefusedError('timeout'));
    return new Promise((resolve, reject) => {
      // Rare: take the waiter out of the queue (linear, but only on abort or timeout).
      const leave = (reason: 'aborted' | 'timeout') => {
        const index = this.waiters.indexOf(waiter, this.head);
        if (index !== -1) this.waiters.splice(index, 1);
        waiter.refuse(reason);
        this.notifyIfIdle();
      };
      const onAbort = () => leave('aborted');
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => leave('timeout'), timeoutMs);
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          clearTimeout(timer);
          resolve(this.releaser());
        },
        refuse: (reason) => {
          signal?.removeEventListener('abort', onAbort);
          clearTimeout(timer);
          reject(new AcquireRefusedError(reason));
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Refuses new sends from now on; waiting ones keep their place unless {@link rejectQueued} is called. */
  close(): void {
    this.closed = true;
  }

  /** Rejects every waiting send with `closed`. */
  rejectQueued(): void {
    while (this.queued > 0) this.waiters[this.head++].refuse('closed');
    this.compact();
    this.notifyIfIdle();
  }

  /** Resolves when nothing is in flight or queued. */
  idle(): Promise<void> {
    if (this.running === 0 && this.queued === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release();
    };
  }

  private release(): void {
    if (this.queued > 0) {
      // Hand the slot straight to the next waiter: `running` is unchanged.
      const next = this.waiters[this.head++];
      this.compact();
      next.grant();
      return;
    }
    this.running--;
    this.notifyIfIdle();
  }

  private compact(): void {
    // Drop consumed entries now and then, so the array does not grow forever.
    if (this.head > 1024 && this.head * 2 > this.waiters.length) {
      this.waiters.splice(0, this.head);
      this.head = 0;
    } else if (this.head === this.waiters.length) {
      this.waiters.length = 0;
      this.head = 0;
    }
  }

  private notifyIfIdle(): void {
    if (this.running === 0 && this.queued === 0 && this.idleWaiters.length > 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }
}
