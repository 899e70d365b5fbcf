// Lists the interface names in /proc/<pid>/net/dev (the network namespace <pid> is in).
/*
 * Two header lines, then one "name: counters..." line per interface. Interface names cannot
 * contain ':' or whitespace (the kernel's dev_valid_name), so the name is everything before the
 * first ':'; with large counters there may be no space after it.
 */
export function parseNetDev(text) {
    const names = [];
    for (const [i, line] of text.split('\n').entries()) {
        if (i < 2 || line.trim() === '')
            continue;
        const colon = line.indexOf(':');
        if (colon < 0)
            throw new Error(`net/dev line ${i + 1}: no "name:" in ${JSON.stringify(line)}`);
        names.push(line.slice(0, colon).trim());
    }
    return names;
}
