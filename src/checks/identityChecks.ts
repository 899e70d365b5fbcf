// Checks on what the container is called and which kernel it runs: hostname, release, uid mapping.
import { z } from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { hostname, release } from 'node:os';
import { readFileSync } from 'node:fs';
import { nsenter } from './nsenter.js';
import { parseStatus } from '../observe/parse/status.js';
import { parseIdMap } from '../observe/parse/idMap.js';

export const hostnameInside = defineCheck({
  name: 'hostname-inside',
  params: z.strictObject({ equals: z.string().min(1) }),
  doc: '',
  reads: [],
  run: (ctx, { equals }) => {
    const inside = nsenter(ctx.builder.pid, ['uts'], ['hostname'], ctx.rootless).trim();
    return inside === equals ? pass(`hostname inside: ${inside}`) : fail(`hostname inside is ${inside}, expected ${equals}`);
  },
});

export const hostHostnameUnchanged = defineCheck({
  name: 'host-hostname-unchanged',
  params: z.strictObject({}),
  doc: '',
  reads: [],
  run: (ctx) => {
    const now = hostname();
    return now === ctx.hostHostname ? pass(`host hostname still ${now}`) : fail(`host hostname changed from ${ctx.hostHostname} to ${now}`);
  },
});

export const sameKernel = defineCheck({
  name: 'same-kernel',
  params: z.strictObject({}),
  doc: '',
  reads: [],
  run: (ctx) => {
    const inside = nsenter(ctx.builder.pid, ['uts'], ['uname', '-r'], ctx.rootless).trim();
    const host = release();
    return inside === host ? pass(`one kernel: ${inside} inside and on the host`) : fail(`inside ${inside}, host ${host}`);
  },
});

export const uidMapped = defineCheck({
  name: 'uid-mapped',
  params: z.strictObject({ inside: z.number().int().min(0), outside: z.number().int().min(0).optional() }),
  doc: '',
  reads: [],
  run: (ctx, { inside, outside }) => {
    if (ctx.userPid === null) return fail('no process in a user namespace yet');
    const map = parseIdMap(readFileSync(`/proc/${ctx.userPid}/uid_map`, 'utf8'));
    const status = parseStatus(readFileSync(`/proc/${ctx.userPid}/status`, 'utf8'));
    const hostUid = status.uid[0];
    const line = map.find((m) => inside >= m.inside && inside < m.inside + m.count);
    if (!line) return fail(`uid ${inside} is not mapped (uid_map: ${JSON.stringify(map)})`);
    const mapped = line.outside + (inside - line.inside);
    if (mapped !== hostUid) return fail(`uid_map says ${inside} → ${mapped}, but the host sees uid ${hostUid}`);
    if (outside !== undefined && mapped !== outside && !ctx.rootless) return fail(`uid ${inside} inside is ${mapped} outside, expected ${outside}`);
    if (mapped === 0) return fail('uid 0 inside is root outside too');
    return pass(`uid ${inside} inside is uid ${mapped} on the host (unprivileged)`);
  },
});
