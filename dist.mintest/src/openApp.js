// Opens the interactive app: draws the menu, starts the helper behind it, then runs the app until it quits.
import { HelperClient } from './helper/client.js';
import { shippedRecordings } from './record/shipped.js';
import { packageRoot } from './sys/packageRoot.js';
import { UNLIMITED } from './lesson/availability.js';
/**
 * The helper process, started on demand; `ready` settles once it answered and swept. Once stopped
 * it never starts: a key that quits the menu can come before the start queued behind the first
 * frame, and a helper started after the app's last stop() kept the app alive with it.
 */
export function helperLauncher(startClient) {
    let client = null;
    let stopped = false;
    let go = () => { };
    const asked = new Promise((resolve) => (go = resolve));
    const ready = asked
        .then(async () => {
        if (stopped)
            throw new Error('the app quit before it started');
        const helper = (client = startClient());
        await helper.hello();
        return helper.sweep();
    })
        .catch((error) => {
        throw new Error(`the lab's helper process did not start: ${error.message}`);
    });
    ready.catch(() => { }); // handled by the app, which may load after a fast failure
    return {
        helper: () => client,
        start: () => {
            if (!stopped)
                go();
        },
        ready,
        stop: async () => {
            stopped = true;
            go(); // a helper never asked for: ready settles (rejected) without one
            await client?.stop();
        },
    };
}
export async function openApp(o) {
    const tui = import('./tui.js');
    // progress problems are one line each, said once the app has given the terminal back
    const progressLines = new Set();
    const progressReady = startProgress((line) => progressLines.add(line));
    // The helper is a Node process of its own: started before the menu, it takes CPU from drawing it on a
    // busy 2-core laptop. The menu needs no helper, so it starts once the menu is on screen, and a lesson
    // opens once it is ready; a lesson named on the command line opens at once, so then it starts now.
    const helper = helperLauncher(() => HelperClient.start(o.mode, 'ignore', o.helperArgs));
    if (o.initialLessonId !== undefined && !o.noHelper)
        helper.start();
    const live = import('./lesson/liveBackend.js');
    const fallback = import('./record/fallbackBackend.js');
    const [{ startTui }, { LiveBackend }, { withRecordings }] = await Promise.all([tui, live, fallback]);
    // the package's recordings: a lesson that cannot run here offers its replay on the menu
    const recordings = shippedRecordings(packageRoot());
    const record = o.record;
    const progress = await progressReady;
    // --record keeps the lab's events of the lesson it was given; other lessons opened meanwhile are on the screen recording only
    const listen = record ? (lesson) => (lesson.id === o.initialLessonId ? (record.opened(), record.event.bind(record)) : undefined) : undefined;
    await startTui({
        backend: (terminal, tty) => withRecordings(new LiveBackend(o.lessons, o.loadErrors, o.privilegeNote, helper.helper, o.mode, terminal, tty, o.hostDocker, helper.ready, o.noHelper ? UNLIMITED : undefined, listen, { tasks: o.taskMode !== 'present' }), recordings),
        startHelper: o.noHelper ? undefined : helper.start,
        initialLessonId: o.initialLessonId,
        trustLessons: o.trustLessons,
        taskMode: o.taskMode,
        helperReady: helper.ready,
        record,
        notes: async () => (await import('./presenter/notesServer.js')).NotesServer.start(),
        progress: progress?.tracker,
        menuNotice: progress?.notice ?? null,
    });
    await helper.stop();
    for (const line of progressLines)
        process.stderr.write(line + '\n');
}
/**
 * The live app's progress tracker, with what the file held, and the line to show on the menu when
 * the file had to be set aside; null (and the line why) when this user's progress file has no place.
 */
async function startProgress(say) {
    const [{ progressLocation }, { readProgress, recordSeen }, { ProgressTracker }] = await Promise.all([
        import('./progress/location.js'),
        import('./progress/store.js'),
        import('./progress/tracker.js'),
    ]);
    let location;
    try {
        location = progressLocation();
    }
    catch (error) {
        say(`container-lab: ${error.message}`);
        return null;
    }
    const { progress, message } = readProgress(location.file);
    return { tracker: new ProgressTracker({ initial: progress.lessons, record: (id, seen) => recordSeen(location, id, seen), onMessage: say }), notice: message };
}
