// A LabContext for unit tests: a RecordingSys, and a container process that records its requests.
import { RecordingSys } from './recordingSys.js';
import { Slots } from '../../src/steps/slots.js';
import type { ContainerProcess, LabContext } from '../../src/steps/context.js';

export interface BuilderRequest {
  method: string;
  params: unknown;
}

/** The container process's side: answers by method name; every request is kept in order. */
export class RecordingBuilder implements ContainerProcess {
  readonly requests: BuilderRequest[] = [];
  closed = false;
  constructor(
    readonly pid = 1000,
    private readonly replies: Record<string, unknown | ((params: any) => unknown)> = {},
  ) {}

  reply(method: string, answer: unknown | ((params: any) => unknown)): this {
    this.replies[method] = answer;
    return this;
  }

  rpc = {
    call: async <T>(method: string, params: unknown = {}): Promise<T> => {
      this.requests.push({ method, params });
      const answer = this.replies[method];
      const value = typeof answer === 'function' ? (answer as (p: unknown) => unknown)(params) : answer;
      if (value instanceof Error) throw value;
      return { log: [], ...(value as object) } as T;
    },
    get closed(): boolean {
      return false;
    },
  };
}

export function fakeLab(overrides: Partial<LabContext> = {}): LabContext & { sys: RecordingSys; builder: RecordingBuilder } {
  const ctx = {
    session: { id: 'test', dir: '/run/container-lab/session-test' },
    rootless: false,
    sys: new RecordingSys(),
    builder: new RecordingBuilder(),
    slots: new Slots(),
    cgroups: { mode: 'v2', roots: ['/sys/fs/cgroup'], v2Root: '/sys/fs/cgroup' },
    cgroupDirs: [],
    initPid: null,
    userPid: null,
    chrootPid: null,
    pivotPid: null,
    hostHostname: 'host',
    lastOutput: [],
    ...overrides,
  } as LabContext & { sys: RecordingSys; builder: RecordingBuilder };
  return ctx;
}
