import { assertValidFault, type EmulatorFault, type FaultPicker } from './emulator-fault.js';

/**
 * Which fault, if any, the next Send API request gets. Counted faults (from
 * `add`) are used first, in the order they were added; once they run out the
 * picker (from `setPicker`), if any, is asked.
 */
export class FaultSchedule {
  private readonly queue: { fault: EmulatorFault; remaining: number }[] = [];
  private picker: FaultPicker | undefined;
  private requestIndex = 0;

  /** Queues `fault` for the next `count` requests not already covered by earlier counted faults. */
  add(fault: EmulatorFault, count: number): void {
    assertValidFault(fault);
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`fault count must be a non-negative integer, got ${String(count)}`);
    }
    if (count > 0) this.queue.push({ fault, remaining: count });
  }

  /** Replaces the picker consulted once counted faults run out (`undefined` removes it). */
  setPicker(picker: FaultPicker | undefined): void {
    this.picker = picker;
  }

  /** Counted faults still waiting to be applied. */
  get pending(): number {
    return this.queue.reduce((sum, entry) => sum + entry.remaining, 0);
  }

  /** The fault for the next Send API request (advances the request index). */
  next(): EmulatorFault | undefined {
    const index = this.requestIndex++;
    const head = this.queue[0];
    if (head !== undefined) {
      head.remaining -= 1;
      if (head.remaining === 0) this.queue.shift();
      return head.fault;
    }
    if (this.picker === undefined) return undefined;
    const picked = this.picker(index);
    // Validated per request because the picker is user code; invalid faults must fail loudly, not half-apply.
    if (picked !== undefined) assertValidFault(picked);
    return picked;
  }

  /** Forgets every counted fault and the picker, and restarts the request index at 0. */
  clear(): void {
    this.queue.length = 0;
    this.picker = undefined;
    this.requestIndex = 0;
  }
}
