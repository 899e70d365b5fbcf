// runc's state JSON (`runc state <id>`): parsed, and trimmed to the fields a panel block shows.
/** The OCI runtime spec's state, as runc prints it; throws when the text is not that. */
export function parseRuncState(text) {
    let j;
    try {
        j = JSON.parse(text);
    }
    catch {
        throw new Error(`runc state printed something that is not JSON: ${text.trim().slice(0, 80) || '(nothing)'}`);
    }
    if (!j || typeof j.id !== 'string' || typeof j.status !== 'string' || typeof j.pid !== 'number') {
        throw new Error(`runc state's JSON has no id, status and pid: ${text.trim().slice(0, 80)}`);
    }
    return { ociVersion: String(j.ociVersion ?? ''), id: j.id, pid: j.pid, status: j.status, bundle: String(j.bundle ?? ''), created: String(j.created ?? '') };
}
/**
 * The block's lines: the state's own JSON, its key fields only (rootfs and owner left out), status
 * and pid first: a short panel keeps a block's first lines.
 */
export function stateLines(s) {
    const trimmed = { status: s.status, pid: s.pid, id: s.id, bundle: s.bundle, created: s.created, ociVersion: s.ociVersion };
    return JSON.stringify(trimmed, null, 2).split('\n');
}
/** runc's words when the container is not there (1.0/1.1: "container does not exist"; older: "... not exist"). */
export function saysNotExist(stderr) {
    return /does not exist|not exist/i.test(stderr);
}
/** runc logs errors as `time="…" level=error msg="…"`: the message alone, for a LabError. */
export function runcWords(stderr) {
    return stderr
        .split('\n')
        .map((line) => {
        const m = /\bmsg="((?:[^"\\]|\\.)*)"/.exec(line);
        return m ? m[1].replace(/\\"/g, '"') : line;
    })
        .join('\n');
}
