// Per-lesson-family state: a slot is made on first use and registers its own teardown then.
export function defineSlot(slot) {
    return slot;
}
export class Slots {
    values = new Map();
    /** The slot's state, made (and its teardown registered) on first use. */
    use(slot) {
        if (!this.values.has(slot))
            this.values.set(slot, slot.create());
        return this.values.get(slot);
    }
    /** The slot's state if a step has made it. */
    get(slot) {
        return this.values.get(slot);
    }
    /** Runs every registered teardown, last made first; one failing does not stop the others. */
    async teardownAll() {
        const errors = [];
        const made = [...this.values.entries()].reverse();
        this.values.clear();
        for (const [slot, state] of made) {
            try {
                await slot.teardown?.(state);
            }
            catch (error) {
                errors.push(error instanceof Error ? error : new Error(String(error)));
            }
        }
        return errors;
    }
}
