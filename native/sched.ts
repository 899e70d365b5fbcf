// sched_setscheduler(2) binding: puts the calling thread in a real-time class so it runs as soon as it wakes.
import koffi from 'koffi';
import { lastErrno, loadLibc } from './libc.js';
import { KernelError, errnoName } from './errno.js';
import { syscallLog } from './syscallLog.js';

/** <linux/sched.h> policies (the same on x64 and arm64). */
export const SCHED_OTHER = 0;
export const SCHED_FIFO = 1;

let fn: koffi.KoffiFunction | null = null;

function setscheduler(): koffi.KoffiFunction {
  if (!fn) {
    const lib = loadLibc();
    fn = lib.func('int sched_setscheduler(int pid, int policy, const void *param)');
  }
  return fn;
}

/**
 * sched_setscheduler(0, SCHED_FIFO, {priority}): only the calling thread (Node's main thread, not
 * libuv's or V8's helpers). Needs CAP_SYS_NICE; the kernel's RT throttling (sched_rt_runtime_us)
 * still leaves the other tasks 5% of each CPU should the thread spin.
 */
export function setRealtimeFifo(priority: number): void {
  const param = Buffer.alloc(4);
  param.writeInt32LE(priority, 0);
  const started = performance.now();
  const ret = Number(setscheduler()(0, SCHED_FIFO, param));
  const ms = performance.now() - started;
  const args = ['0', 'SCHED_FIFO', `{sched_priority=${priority}}`];
  if (ret === -1) {
    const errno = lastErrno();
    syscallLog.record('sched_setscheduler', args, -1, errnoName(errno), ms);
    throw new KernelError('sched_setscheduler', errno);
  }
  syscallLog.record('sched_setscheduler', args, ret, undefined, ms);
}
