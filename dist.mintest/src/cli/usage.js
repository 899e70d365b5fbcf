// The help texts: the whole command line, and `run` alone.
export const USAGE = `Usage: container-lab [lesson | path/to/lesson.md] [options]
       container-lab <command> [options]

Learn how Linux containers work: every step is the real kernel call, and the
kernel's state is shown live beside the lesson.

Commands:
  (none)                 open the interactive app on the lesson menu
  <lesson>               open the interactive app on a lesson (id, number, or a
                         lesson file's path: then only that file is loaded)
  list                   list the lessons, what each needs, and which cannot run
                         here and why (--json: as data)
  run <lesson> --no-tui  run every step without the app; print a transcript
  shell                  a shell in the container a running lesson built (another terminal)
  notes                  the speaker notes of the lesson running in this user's app,
                         followed live, with the next step, the checks and the clocks
                         (another terminal; q quits; piped: one block per change)
  replay FILE            open a recording (--record) in the app: the same screens,
                         nothing runs; no root, no helper
  progress               each lesson's steps reached, when it was last opened, its
                         tasks solved (and when) and hints used, kept
                         per user in $XDG_STATE_HOME/container-lab (else
                         ~/.local/state/container-lab); --json: as data;
                         --reset: clear it, after asking on the terminal
  doctor                 say what this host can do, and how to fix what it can't
                         (--json: as data; exit 1 when a lesson cannot run here)
  cleanup                remove what a crashed session left behind
  image                  show the lab image (built on first use): layers, digests, sizes
                         (--json: as data)
  vocabulary             every action and check a lesson may use, with its doc
                         (--json: as data; --markdown: docs/vocabulary.md)
  help [command]         show this help, or a command's (help run)
  version                show the version

Options:
  --no-tui               (run) print a transcript instead of opening the app
  --record FILE          (with a lesson) write the screen as an asciicast v2 recording
                         and, in the same file, that lesson's state for replay (other
                         lessons opened meanwhile are in the screen recording only)
  --mode MODE            how a lesson's tasks show: workshop (the default: tasks show,
                         → goes on), study (→ waits until the step's task is solved or
                         skipped with n), present (no tasks, for a projector)
  --json                 (run --no-tui) one JSON object per line; (list, progress,
                         doctor, image, vocabulary) one JSON document
  --reset                (progress) clear this user's progress, after asking
  --sudo                 run the helper as root through sudo (asks the password first)
  --rootless             run the helper inside a user namespace, without root
  --lessons DIR          load the lessons in DIR instead of the package's
  --trust-lessons        open lessons from --lessons, $CONTAINER_LAB_LESSONS or a path
                         without asking first (for authors). Such a lesson lists what it
                         will do with root and asks before its first step; it may never
                         run commands of its own choice as root (see docs/lesson-format.md).
  --host-docker          use the host's own Docker (DOCKER_HOST, else /var/run/docker.sock)
                         for lesson 8; containers it makes carry the label container-lab
                         and are removed afterwards. Without it the lab never touches it.
  -h, --help             show this help
  -V, --version          show the version

Environment:
  NO_COLOR=1             no colours. FORCE_COLOR=0|1|2|3 sets them (none, 16, 256,
                         16 million) even when output is not a terminal, and wins
                         over NO_COLOR. Piped output has none unless forced.
  TERM=dumb              no colours; the app (which moves the cursor) does not open:
                         use container-lab run <lesson> --no-tui
  CONTAINER_LAB_LESSONS  a lesson directory (untrusted, like --lessons)

Exit status: 0 success, 1 a step or check failed, the lab could not run, a
recording cannot be replayed, or (doctor) a lesson cannot run here; 2 a usage
error, or a Node older than 20.`;
export const RUN_USAGE = `Usage: container-lab run <lesson> [--no-tui [--json]] [options]

Runs one lesson: in the interactive app, or with --no-tui every step in order,
printing a transcript (no terminal needed). <lesson> is a lesson's id or number
(container-lab list) or the path of a lesson file (only that file is loaded).

  --no-tui               print a transcript instead of opening the app
  --json                 (with --no-tui) one JSON object per line
  --record FILE          the screen (asciicast v2) and the lab's state, for replay
  --sudo | --rootless    how the helper runs (see container-lab --help)
  --lessons DIR, --trust-lessons, --host-docker   as in container-lab --help

Exit status: 0 every step and check passed, 1 one failed (or the lab could
not run), 2 a usage error.`;
