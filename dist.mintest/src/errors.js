/** An error that a step or handler means for the user: a message and, when known, how to fix it. */
export class LabError extends Error {
    hint;
    code;
    /** the calls made before the failure, the failing one last */
    log;
    constructor(message, hint, code, log) {
        super(message);
        this.name = 'LabError';
        this.hint = hint;
        this.code = code;
        this.log = log;
    }
}
