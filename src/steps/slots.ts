// Per-lesson-family state: a slot is made on first use and registers its own teardown then.

/** A kind of state: how to make it, and how to undo what it holds when the lesson closes. */
export interface Slot<T> {
  name: string;
  create(): T;
  /** ends what the state holds (processes, mounts, daemons); runs once, in reverse order of creation */
  teardown?(state: T): Promise<void> | void;
}

export function defineSlot<T>(slot: Slot<T>): Slot<T> {
  return slot;
}

export class Slots {
  private readonly values = new Map<Slot<unknown>, unknown>();

  /** The slot's state, made (and its teardown registered) on first use. */
  use<T>(slot: Slot<T>): T {
    if (!this.values.has(slot as Slot<unknown>)) this.values.set(slot as Slot<unknown>, slot.create());
    return this.values.get(slot as Slot<unknown>) as T;
  }

  /** The slot's state if a step has made it. */
  get<T>(slot: Slot<T>): T | undefined {
    return this.values.get(slot as Slot<unknown>) as T | undefined;
  }

  /** Runs every registered teardown, last made first; one failing does not stop the others. */
  async teardownAll(): Promise<Error[]> {
    const errors: Error[] = [];
    const made = [...this.values.entries()].reverse();
    this.values.clear();
    for (const [slot, state] of made) {
      try {
        await slot.teardown?.(state);
      } catch (error) {
        errors.push(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return errors;
  }
}
