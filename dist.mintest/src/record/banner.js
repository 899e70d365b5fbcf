/**
 * "REPLAY — recorded 2025-05-01 on 6.8.0-45-generic, cgroup v2 (systemd); nothing here runs", and
 * shorter forms of it, longest first: a narrow terminal shows the longest that fits, so that
 * "nothing runs" is never cut off.
 */
export function replayBanner(meta) {
    const day = /^\d{4}-\d{2}-\d{2}/.exec(meta.date)?.[0] ?? meta.date;
    return [
        `REPLAY — recorded ${day} on ${meta.kernel}, cgroup ${meta.cgroup}; nothing here runs`,
        `REPLAY — recorded ${day} on ${meta.kernel}, cgroup ${meta.cgroup}; nothing runs`,
        `REPLAY — ${day}, ${meta.kernel}, cgroup ${meta.cgroup}; nothing runs`,
        `REPLAY — nothing runs; recorded ${day} on ${meta.kernel}`,
    ];
}
