// Parses /proc/<pid>/status (proc(5)) into the fields the process panel shows.
/*
 * Pid, PPid and NSpid are relative to the PID namespace of the procfs instance that was read
 * (the namespace of whoever mounted it), and Uid/Gid are mapped into the user namespace of the
 * process that opened the file (proc(5)). NSpid exists since Linux 4.1; without it the process
 * is taken to be in one PID namespace only.
 */
export function parseStatus(text) {
    const fields = new Map();
    for (const line of text.split('\n')) {
        const colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        fields.set(line.slice(0, colon), line.slice(colon + 1));
    }
    const need = (key) => {
        const v = fields.get(key);
        if (v === undefined)
            throw new Error(`status: no "${key}:" line`);
        return v;
    };
    const int = (key, s) => {
        if (!/^\d+$/.test(s))
            throw new Error(`status: "${key}:" is not a number: ${JSON.stringify(s)}`);
        return Number(s);
    };
    const ids = (key) => {
        const parts = need(key).trim().split(/\s+/);
        if (parts.length !== 4)
            throw new Error(`status: "${key}:" needs 4 ids, got ${JSON.stringify(need(key))}`);
        return parts.map((p) => int(key, p));
    };
    const pid = int('Pid', need('Pid').trim());
    const nsPidText = fields.get('NSpid');
    return {
        // "Name:\t<comm>": the kernel escapes only "\n" and "\\" in the name; a name may hold spaces.
        name: need('Name').replace(/^\t/, '').replace(/\\(n|\\)/g, (_, c) => (c === 'n' ? '\n' : '\\')),
        pid,
        ppid: int('PPid', need('PPid').trim()),
        nsPids: nsPidText === undefined ? [pid] : nsPidText.trim().split(/\s+/).map((p) => int('NSpid', p)),
        uid: ids('Uid'),
        gid: ids('Gid'),
        state: need('State').trim(),
    };
}
