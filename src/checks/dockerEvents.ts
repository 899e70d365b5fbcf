// Whether dockerd itself stopped the lesson's container, from dockerd's own event log (docker events): a die with no kill before it.
import * as z from 'zod';
import { defineCheck, pass, fail } from '../steps/define.js';
import { ask, dockerArgv } from './chainChecks.js';
import { dockerId, short } from './shimChecks.js';

export const dockerDidNotKill = defineCheck({
  name: 'docker-did-not-kill',
  params: z.strictObject({}),
  doc: 'The lesson\'s container ended without dockerd signalling it to death: `docker events` (run by the check, '
    + 'replaying dockerd\'s event log up to now) has a die event for it, and no kill event (which dockerd logs each '
    + 'time it sends a signal itself: docker kill, docker stop) with the signal the die\'s exit code names (128 + '
    + 'n). A signal the process ignored does not count. So the fatal signal came from elsewhere: containerd, runc '
    + 'or kill(2) on the host.',
  reads: ['`docker events --filter container=<id>` (run by the check)'],
  run: (ctx) => {
    const id = dockerId(ctx);
    const until = String(Math.ceil(Date.now() / 1000));
    const format = '{{.Action}} {{index .Actor.Attributes "signal"}}{{index .Actor.Attributes "exitCode"}}';
    const events = ask(ctx, dockerArgv(ctx, ['events', '--since', '1', '--until', until, '--filter', `container=${id}`, '--format', format]))
      .split('\n').map((l) => l.trim()).filter(Boolean).map((l) => l.split(' '));
    const die = events.find(([action]) => action === 'die');
    if (!die) return fail(`docker events: no die for container ${short(id)} yet (${events.map(([a]) => a).join(', ') || 'no events'})`);
    const fatal = Number(die[1]) - 128;
    if (events.some(([action, signal]) => action === 'kill' && Number(signal) === fatal)) {
      return fail(`docker events: dockerd itself sent container ${short(id)} signal ${fatal}, the one it died of (docker kill or docker stop)`);
    }
    return pass(`docker events for ${short(id)}: ${events.map((e) => e.join(' ')).join(', ')}; die with exitCode ${die[1] || '?'}, not of a signal dockerd sent`);
  },
});
