export function bundleSummary(config, width = 90) {
    const cut = (s) => (s.length > width ? s.slice(0, width - 1) + '…' : s);
    const ns = (config.linux?.namespaces ?? []).map((n) => (n.path ? `${n.type}=${n.path}` : n.type)).join(' ');
    const mounts = config.mounts ?? [];
    const caps = config.process?.capabilities?.bounding ?? [];
    return [
        `ociVersion  ${config.ociVersion ?? '?'}`,
        `root        ${config.root?.path ?? '?'}${config.root?.readonly ? ' (read-only)' : ''}`,
        `namespaces  ${ns || '(none)'}`,
        `mounts      ${mounts.length}: ${mounts.slice(0, 6).map((m) => `${m.destination} (${m.type})`).join(', ')}${mounts.length > 6 ? ', …' : ''}`,
        `process     ${JSON.stringify(config.process?.args ?? [])} in ${config.process?.cwd ?? '/'} as ${config.process?.user?.uid ?? 0}:${config.process?.user?.gid ?? 0}`,
        `caps        ${caps.length} in the bounding set${caps.length ? ': ' + caps.slice(0, 4).map((c) => c.replace(/^CAP_/, '')).join(' ') + ' …' : ''}`,
        `cgroupsPath ${config.linux?.cgroupsPath ?? '(none)'}`,
        `masked      ${(config.linux?.maskedPaths ?? []).length} paths, read-only ${(config.linux?.readonlyPaths ?? []).length} paths`,
    ].map(cut);
}
