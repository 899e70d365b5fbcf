// A mistake in how the command was called: one line on stderr, a pointer to --help, exit status 2.
export class UsageError extends Error {
    usage;
    /** what to print instead of "Try: container-lab --help" (e.g. the usage of run) */
    constructor(message, usage) {
        super(message);
        this.usage = usage;
    }
}
