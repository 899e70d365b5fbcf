// name-container: the helper draws the name and id; the container process sets the hostname to the id's first 12 hex.
import { describe, expect, it } from 'vitest';
import { nameContainer } from '../../../src/actions/nameContainer.js';
import { dockerRun } from '../../../src/actions/dockerRunState.js';
import { fakeLab } from '../../support/fakeLab.js';

describe('name-container', () => {
  it('asks the container process for sethostname(2) with the id\'s first 12 hex digits, and keeps name and id', async () => {
    const ctx = fakeLab();
    const result = await nameContainer.run(ctx, {});
    const { name, id } = dockerRun(ctx);
    expect(name).toMatch(/^[a-z]+_[a-z]+$/);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const hostname = id!.slice(0, 12);
    expect(ctx.builder.requests).toEqual([{ method: 'step', params: { action: 'name-container', params: {}, given: { hostname } } }]);
    expect(ctx.sys.calls).toEqual([{ via: 'kernel', call: 'sethostname', args: [hostname] }]);
    expect(result.log.map((e) => e.call)).toEqual(['sethostname']);
    expect(result.output).toEqual([`name      ${name}`, `id        ${id}`, `hostname  ${hostname}   (the id's first 12 hex digits, as docker sets it)`]);
  });

  it('the container part sets no hostname that is not 12 hex digits', () => {
    const ctx = fakeLab();
    expect(() => nameContainer.inContainer!({ sys: ctx.sys, state: ctx.builder.state }, {}, { hostname: 'myhost' })).toThrow();
    expect(ctx.sys.calls).toEqual([]);
  });

  it('needs its own UTS namespace: in the host\'s, sethostname would rename the host', () => {
    expect(nameContainer.needs).toEqual(['own uts namespace']);
  });
});
