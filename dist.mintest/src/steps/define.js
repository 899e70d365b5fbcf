export function syscall(name, man = `${name}(2)`) {
    return { kind: 'syscall', name, man };
}
export function program(name, man = `${name}(1)`) {
    return { kind: 'program', name, man };
}
/** A kernel interface file written or read: cgroupfs, /proc. */
export function kernelFile(name, man) {
    return { kind: 'file', name, man };
}
export function defineAction(definition) {
    return { ...definition, file: definingFile() };
}
export function defineCheck(definition) {
    return { ...definition, file: definingFile() };
}
/**
 * The module that called defineAction/defineCheck, as its source path ("src/actions/unshare.ts"),
 * read from the call stack: frame 0 is this function, 1 define*, 2 the defining module. Built code
 * runs from dist/, so dist/…/x.js is named by its source, …/x.ts.
 */
function definingFile() {
    const frame = new Error().stack?.split('\n')[3] ?? '';
    const path = /(?:file:\/\/)?(\/[^():]+\.[jt]sx?):\d+:\d+\)?$/.exec(frame)?.[1];
    const m = path ? /\/((?:src|native)\/.+)$/.exec(path.replace(/\/dist\//, '/')) : null;
    return m ? m[1].replace(/\.js$/, '.ts') : undefined;
}
export function outcome(log = [], output = [], stdout) {
    return stdout ? { log, output, stdout } : { log, output };
}
export function pass(detail) {
    return { ok: true, detail };
}
export function fail(detail) {
    return { ok: false, detail };
}
