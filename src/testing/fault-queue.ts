/**
 * The queue of injected faults: first injected first used, each for as many matching requests
 * as its `times` says, checked (faults.ts) when it is injected.
 */
import { checkFault, type MockFault, type MockFaultOptions } from "./faults.js";
import type { RecordedRequest } from "./record.js";

interface Armed {
  fault: MockFault;
  remaining: number;
  when: ((request: RecordedRequest) => boolean) | undefined;
}

/** Injected faults, first injected first used. */
export class FaultQueue {
  #armed: Armed[] = [];

  inject(fault: MockFault, options: MockFaultOptions = {}): void {
    checkFault(fault);
    const times = options.times ?? 1;
    if (!(times === Infinity || (Number.isInteger(times) && times > 0)))
      throw new RangeError(`times must be a positive integer or Infinity, got ${times}`);
    if (options.when !== undefined && typeof options.when !== "function")
      throw new TypeError("when must be a function");
    this.#armed.push({ fault, remaining: times, when: options.when });
  }

  clear(): void {
    this.#armed = [];
  }

  /** The fault for this request, if any, using up one of its `times`. */
  take(request: RecordedRequest): MockFault | undefined {
    const armed = this.#armed.find((a) => matches(a, request));
    if (!armed) return undefined;
    armed.remaining -= 1;
    if (armed.remaining <= 0) this.#armed = this.#armed.filter((a) => a !== armed);
    return armed.fault;
  }
}

const matches = (armed: Armed, request: RecordedRequest) => {
  try {
    return armed.when ? armed.when(request) === true : true;
  } catch {
    // A throwing predicate must not break the server; it simply does not match.
    return false;
  }
};
