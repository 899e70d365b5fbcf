// Whether this kernel has overlayfs: registered now, a module it can load, or not at all.
import type { HostFiles } from './hostFiles.js';
import { listsModule, parseFilesystems } from '../parse/kernelModules.js';

/**
 * loaded: /proc/filesystems lists it (built in, or the module is in). module: overlay.ko is in
 * /lib/modules/<release>/modules.dep, and the first mount of type "overlay" loads it: get_fs_type()
 * (fs/filesystems.c) calls request_module("fs-overlay"), the alias the module declares with
 * MODULE_ALIAS_FS. missing: neither, so no overlay mount can succeed on this kernel.
 */
export type OverlayState = 'loaded' | 'module' | 'missing';

export function overlayState(files: HostFiles, release: string): OverlayState {
  if (parseFilesystems(files.read('proc/filesystems') ?? '').includes('overlay')) return 'loaded';
  const dir = `lib/modules/${release}`;
  if (listsModule(files.read(`${dir}/modules.builtin`) ?? '', 'overlay')) return 'loaded';
  if (listsModule(files.read(`${dir}/modules.dep`) ?? '', 'overlay')) return 'module';
  return 'missing';
}
