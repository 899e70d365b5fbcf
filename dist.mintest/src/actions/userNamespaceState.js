// The user-namespace lesson's state: the process started in a new user namespace, killed at teardown.
import { defineSlot } from '../steps/slots.js';
/** Made by the user-namespace step; its teardown sends SIGKILL to the process. */
export const userNamespaceSlot = defineSlot({
    name: 'user namespace process',
    create: () => ({ process: null }),
    teardown: ({ process }) => {
        if (process)
            process.sys.kill(process.pid, 'SIGKILL');
    },
});
/** The process in a new user namespace (host PID), once the user-namespace step has started it. */
export function userPid(ctx) {
    return ctx.slots.get(userNamespaceSlot)?.process?.pid ?? null;
}
