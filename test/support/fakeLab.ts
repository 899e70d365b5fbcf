// A LabContext for unit tests: a RecordingSys, and a container process that records its requests.
import { RecordingSys } from './recordingSys.js';
import { Slots } from '../../src/steps/slots.js';
import { ContainerState } from '../../src/builder/state.js';
import { ACTIONS } from '../../src/vocabulary/registry.js';
import type { ContainerProcess, LabContext } from '../../src/steps/context.js';

export interface BuilderRequest {
  method: string;
  params: unknown;
}

/**
 * The container process's side: answers by method name; every request is kept in order. A `step`
 * request runs the action's own inContainer part here, on the same recording Sys, with a
 * ContainerState the test can look at: one list of calls, helper side and container side.
 */
export class RecordingBuilder implements ContainerProcess {
  readonly requests: BuilderRequest[] = [];
  readonly state = new ContainerState();
  constructor(
    readonly sys: RecordingSys,
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
      if (method === 'step' && !(method in this.replies)) {
        const { action, params: p, given } = params as { action: string; params: unknown; given?: unknown };
        const definition = ACTIONS[action];
        const result = await definition.inContainer!({ sys: this.sys, state: this.state }, definition.params.parse(p), given);
        return { ...result, log: this.sys.drain() } as T;
      }
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
  const sys = overrides.sys instanceof RecordingSys ? overrides.sys : new RecordingSys();
  const ctx = {
    session: { id: 'test', dir: '/run/container-lab/session-test' },
    rootless: false,
    sys,
    builder: new RecordingBuilder(sys),
    slots: new Slots(),
    cgroups: { mode: 'v2', roots: ['/sys/fs/cgroup'], v2Root: '/sys/fs/cgroup', systemd: false },
    cgroupDirs: [],
    initPid: null,
    hostHostname: 'host',
    lastOutput: [],
    ...overrides,
  } as LabContext & { sys: RecordingSys; builder: RecordingBuilder };
  return ctx;
}
