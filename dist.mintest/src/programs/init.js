// PID 1 of a lab container: asks for SIGKILL when its parent dies, then execs the real program.
//   runs as:    its parent's user: the builder's (root, or uid 0 of the rootless user namespace);
//               the bridge: root (the helper)
//   namespaces: PID 1: the builder's, so PID 1 of its new PID namespace once it has one;
//               the bridge: the host's but a new network namespace (unshare(1) --net)
//   started by: the builder: start-init's inContainer in src/actions/startInit.ts (detached, fd 3 a
//               socket); the bridge: the helper, labNetwork() in src/actions/labNetwork.ts
//   ends when:  it execs `sleep infinity` (argv0 container-lab-init / container-lab-bridge),
//               which gets SIGKILL when the parent dies (PR_SET_PDEATHSIG survives execve), or
//               is killed by PID (Lab.close(), the builder's shutdown, stopDockerRun())
// Usage: node init.js <expected-parent-pid> <program> <argv0> [args...], with fd 3 a socket to the parent.
import { closeFd, execve, getppid, peerClosed, prepareStdioForExec, setParentDeathSignal } from '../../native/kernel.js';
import { SIGKILL } from '../../native/constants.js';
import { findProgram } from '../../native/findProgram.js';
function main(argv) {
    const [parentText, program, argv0, ...args] = argv;
    const expectedParent = Number(parentText);
    if (!program || !argv0 || !Number.isInteger(expectedParent)) {
        process.stderr.write('container-lab init: usage: init <parent-pid> <program> <argv0> [args...]\n');
        process.exit(2);
    }
    // prctl(2): PR_SET_PDEATHSIG survives execve (unless set-user-ID), so the program we become
    // is killed when the container process that started us goes away, even by SIGKILL.
    setParentDeathSignal(SIGKILL, 'SIGKILL');
    // The parent may have died before the prctl: then we would never get the signal. getppid(2)
    // says 0 when the parent is outside our PID namespace, so the parent also holds the other end
    // of a socket on our fd 3: end of stream there means it is gone.
    const parent = getppid();
    if ((parent !== 0 && parent !== expectedParent) || peerClosed(3))
        process.exit(1);
    closeFd(3);
    const path = findProgram(program);
    prepareStdioForExec();
    execve(path, [argv0, ...args], process.env);
}
main(process.argv.slice(2));
