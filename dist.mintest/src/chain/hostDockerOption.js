// --host-docker: the user's consent to use the host's own Docker (lesson 8 only), and where its socket is.
import { statSync } from 'node:fs';
const FLAG = '--host-docker=';
/** DOCKER_HOST when it is a unix socket, else the usual /var/run/docker.sock. */
export function hostDockerSocket(env = process.env) {
    const host = env.DOCKER_HOST;
    if (host?.startsWith('unix://'))
        return host.slice('unix://'.length);
    return '/var/run/docker.sock';
}
/** The helper's argument that carries the consent (it survives sudo, which drops the environment). */
export function hostDockerArg(socket) {
    return FLAG + socket;
}
/** The socket the helper was told to use, or null: the lab then runs private daemons only. */
export function hostDockerFromArgv(argv = process.argv) {
    const arg = argv.find((a) => a.startsWith(FLAG));
    return arg ? arg.slice(FLAG.length) : null;
}
/** Why the host's Docker cannot be used, or null. */
export function hostDockerProblem(socket) {
    try {
        if (!statSync(socket).isSocket())
            return `${socket} is not a socket`;
    }
    catch {
        return `there is no Docker socket at ${socket} (set DOCKER_HOST=unix:///path/to/docker.sock)`;
    }
    return null;
}
