// Reads /proc/filesystems and the module lists depmod writes (modules.dep, modules.builtin) for one file system.
/** The file system types /proc/filesystems lists: "nodev\toverlay" → "overlay" (proc(5)). */
export function parseFilesystems(text) {
    return text.split('\n').map((line) => line.split('\t').pop()?.trim() ?? '').filter(Boolean);
}
/**
 * Whether a depmod list names a module: modules.dep lines start "kernel/fs/overlayfs/overlay.ko.zst:"
 * (the compression suffix varies: none, .xz, .gz, .zst), modules.builtin lines are the path alone
 * (modules.dep(5), depmod(8)).
 */
export function listsModule(text, module) {
    const name = new RegExp(`(^|/)${module.replace(/[-_]/g, '[-_]')}\\.ko(\\.(xz|gz|zst))?$`);
    return text.split('\n').some((line) => name.test(line.split(':')[0].trim()));
}
