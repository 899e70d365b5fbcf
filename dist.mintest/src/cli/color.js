// How many colours the command line uses: FORCE_COLOR, NO_COLOR, TERM=dumb and whether stdout is a terminal.
/**
 * Node's own rules (nodejs.org/api/cli.html, FORCE_COLOR): FORCE_COLOR 1, true or empty is 16
 * colours, 2 is 256, 3 is 16 million, anything else none, and a FORCE_COLOR that is set wins over
 * NO_COLOR. NO_COLOR set and not empty turns colours off (no-color.org). Otherwise colours only on
 * a terminal that is not TERM=dumb, at the depth the terminal reports (`detected`, from chalk).
 */
export function colorLevel(env, isTTY, detected) {
    const force = env.FORCE_COLOR;
    if (force !== undefined) {
        if (force === '' || force === '1' || force === 'true')
            return 1;
        return force === '2' ? 2 : force === '3' ? 3 : 0;
    }
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '')
        return 0;
    if (!isTTY || isDumbTerminal(env))
        return 0;
    return Math.min(3, Math.max(1, detected));
}
/** TERM=dumb: a terminal that shows text but has no cursor movement or screen control (terminfo(5)). */
export function isDumbTerminal(env) {
    return env.TERM === 'dumb';
}
