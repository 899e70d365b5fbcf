// Errors meant for the user: what went wrong and, when known, how to fix it.
import type { SyscallEntry } from './types.js';

/** An error that a step or handler means for the user: a message and, when known, how to fix it. */
export class LabError extends Error {
  readonly hint?: string;
  readonly code?: string;
  /** the calls made before the failure, the failing one last */
  log?: SyscallEntry[];
  constructor(message: string, hint?: string, code?: string, log?: SyscallEntry[]) {
    super(message);
    this.name = 'LabError';
    this.hint = hint;
    this.code = code;
    this.log = log;
  }
}
