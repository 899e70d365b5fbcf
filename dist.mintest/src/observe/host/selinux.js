/** /sys/fs/selinux/enforce holds 1 when enforcing, 0 when permissive; no file, no SELinux (selinuxfs, getenforce(8)). */
export function selinuxMode(files) {
    const value = files.read('sys/fs/selinux/enforce')?.trim();
    if (value === '1')
        return 'enforcing';
    return value === '0' ? 'permissive' : 'off';
}
