import { listsModule, parseFilesystems } from '../parse/kernelModules.js';
export function overlayState(files, release) {
    if (parseFilesystems(files.read('proc/filesystems') ?? '').includes('overlay'))
        return 'loaded';
    const dir = `lib/modules/${release}`;
    if (listsModule(files.read(`${dir}/modules.builtin`) ?? '', 'overlay'))
        return 'loaded';
    if (listsModule(files.read(`${dir}/modules.dep`) ?? '', 'overlay'))
        return 'module';
    return 'missing';
}
