// Small /proc files for check tests: status and mountinfo lines as the kernel writes them (proc(5)).

export function status(p: { name?: string; pid: number; ppid: number; nsPids?: number[]; uid?: number }): string {
  const uid = p.uid ?? 0;
  return [
    `Name:\t${p.name ?? 'sleep'}`, 'State:\tS (sleeping)', `Pid:\t${p.pid}`, `PPid:\t${p.ppid}`,
    `Uid:\t${uid}\t${uid}\t${uid}\t${uid}`, `Gid:\t${uid}\t${uid}\t${uid}\t${uid}`, `NSpid:\t${(p.nsPids ?? [p.pid]).join('\t')}`,
  ].join('\n') + '\n';
}

export function mountLine(id: number, point: string, fsType: string, optional = ''): string {
  return `${id} 1 0:${id} / ${point} rw,relatime ${optional ? optional + ' ' : ''}- ${fsType} ${fsType} rw`;
}
