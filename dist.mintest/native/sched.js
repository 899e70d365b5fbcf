// sched_setscheduler(2) binding: puts the calling thread in a real-time class so it runs as soon as it wakes.
import { libc } from './libc.js';
import { invoke } from './kernel.js';
/** <linux/sched.h> policies (the same on x64 and arm64). */
export const SCHED_OTHER = 0;
export const SCHED_FIFO = 1;
/**
 * sched_setscheduler(0, SCHED_FIFO, {priority}): only the calling thread (Node's main thread, not
 * libuv's or V8's helpers). Needs CAP_SYS_NICE; the kernel's RT throttling (sched_rt_runtime_us)
 * still leaves the other tasks 5% of each CPU should the thread spin.
 */
export function setRealtimeFifo(priority) {
    const param = Buffer.alloc(4);
    param.writeInt32LE(priority, 0);
    invoke('sched_setscheduler', ['0', 'SCHED_FIFO', `{sched_priority=${priority}}`], () => Number(libc().sched_setscheduler(0, SCHED_FIFO, param)));
}
