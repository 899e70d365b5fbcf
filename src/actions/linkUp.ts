// Brings a network interface up inside the container's network namespace (ioctl SIOCSIFFLAGS).
import * as z from 'zod';
import { defineAction, syscall, outcome } from '../steps/define.js';
import { inContainer } from './builderCall.js';

export const linkUp = defineAction({
  name: 'link-up',
  params: z.strictObject({ name: z.string().min(1).max(15).default('lo') }),
  doc: 'The container process reads the interface\'s flags with ioctl(SIOCGIFFLAGS) and sets them again with IFF_UP '
    + 'added (ioctl SIOCSIFFLAGS, netdevice(7)) on a socket it opens in its own network namespace. A new network '
    + 'namespace has only lo, and it is down: after this step the network panel shows lo UP inside while the '
    + 'host\'s interfaces are untouched.',
  host: {
    effect: 'sets the interface {name} up in the container\'s own network namespace',
    untrusted: 'allowed',
  },
  performs: [syscall('ioctl', 'SIOCSIFFLAGS netdevice(7)')],
  needs: ['own net namespace'],
  inContainer({ sys }, { name }) {
    sys.kernel.setLinkUp(name);
    return {};
  },
  run: async (ctx, params) => {
    const { log } = await inContainer(ctx, 'link-up', params);
    return outcome(log);
  },
});
