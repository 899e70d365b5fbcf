// Progress the helper reports while a step is still running (the app draws it live).
import type { CgroupFile, ChainView, ProcessInfo } from '../types.js';

export interface ProgressEvents {
  /** the container's cgroup files, read again while a hog runs */
  'cgroup-files': CgroupFile[];
  /** the chain's processes and view, while a traced docker run is under way */
  chain: { processes: ProcessInfo[]; view: ChainView };
}

type Sink = (event: string, data: unknown) => void;
let sink: Sink = () => {};

export function setProgressSink(next: Sink): void {
  sink = next;
}

export function reportProgress<K extends keyof ProgressEvents>(event: K, data: ProgressEvents[K]): void {
  sink(event, data);
}
