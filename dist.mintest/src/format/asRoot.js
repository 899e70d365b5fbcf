// A command the user must run as root, in words that work here: as is for root, through sudo when it is installed, else su.
/** "CMD" as root, "sudo CMD" when sudo is on PATH, else "su -c 'CMD'": never advises a sudo that is not there. */
export function asRoot(command, via) {
    if (via === 'root')
        return command;
    return via === 'sudo' ? `sudo ${command}` : `su -c '${command.replace(/'/g, `'\\''`)}'`;
}
/** How to start container-lab with root, for the lessons that need it. */
export function startAsRoot(via) {
    return via === 'su' ? 'sudo is not installed here: run container-lab as root (e.g. in a shell from su -)' : 'start container-lab as root or with --sudo';
}
