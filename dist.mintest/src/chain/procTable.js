/** Merges watcher lines per PID; a PID that exited and shows up again starts a new record. */
export class ProcessTable {
    limit;
    records = [];
    current = new Map();
    overflows = 0;
    constructor(limit = 50_000) {
        this.limit = limit;
    }
    apply(line) {
        if (line.event === 'overflow') {
            this.overflows++;
            return;
        }
        if (line.event === 'ready' || line.event === 'error')
            return;
        const t = line.kt ?? line.t;
        let rec = this.current.get(line.pid);
        const stale = rec !== undefined && rec.exitAt !== undefined && line.event !== 'exit';
        if (!rec || stale || (line.event === 'fork' && rec.execs.length > 0))
            rec = this.create(line, t);
        switch (line.event) {
            case 'fork':
                break;
            case 'exec':
                rec.execs.push({ t, comm: line.comm, cmdline: line.cmdline });
                rec.execAt ??= t;
                if (line.comm)
                    rec.comm = line.comm;
                if (line.cmdline)
                    rec.cmdline = line.cmdline;
                if (line.ppid)
                    rec.ppid = line.ppid;
                break;
            case 'comm':
                rec.renames.push({ t, comm: line.comm });
                rec.comm = line.comm;
                break;
            case 'exit':
                rec.exitAt = t;
                if (line.exitCode !== undefined)
                    rec.exitCode = line.exitCode;
                if (line.signal !== undefined)
                    rec.signal = line.signal;
                if (line.ppid && !rec.ppid)
                    rec.ppid = line.ppid;
                break;
        }
    }
    create(line, t) {
        const rec = {
            pid: line.pid, ppid: line.ppid, comm: line.comm, cmdline: line.cmdline, firstSeen: t, execs: [], renames: [],
        };
        if (line.event === 'exit' || line.event === 'comm')
            rec.startUnknown = true;
        this.records.push(rec);
        this.current.set(line.pid, rec);
        if (this.records.length > this.limit) {
            const dropped = this.records.splice(0, this.records.length - this.limit);
            for (const old of dropped)
                if (this.current.get(old.pid) === old)
                    this.current.delete(old.pid);
        }
        return rec;
    }
    /** Every record, in the order the processes appeared. */
    list() {
        return [...this.records];
    }
    /** The latest record of a PID. */
    get(pid) {
        return this.current.get(pid);
    }
    /** Processes that appeared or exec'd at or after t0 (ms since the epoch). */
    since(t0) {
        return this.records.filter((r) => (r.firstSeen >= t0 && !r.startUnknown) || r.execs.some((e) => e.t >= t0));
    }
}
