// The lesson screen: slide, steps and next action, and the live kernel panels (beside them when wide, under them when narrow).
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type MutableRefObject } from 'react';
import { Box, Text } from 'ink';
import { useLatestState } from './useLatestState.js';
import type { LessonSession } from '../types.js';
import { collectLog, errorText, focusIndex, stripTitleHeading } from './derive.js';
import { ErrorBox, errorBoxHeight, errorCompactHeight } from './ErrorBox.js';
import { Footer } from './Footer.js';
import { JumpPrompt, jumpTarget } from './JumpPrompt.js';
import type { KeyBinding, LessonScope, Press } from './keys.js';
import { lessonLayout, nextZoom, scrolled, slideView, splitColumns, zoomablePanels, type PanelKey } from './layout.js';
import { LessonHeader } from './LessonHeader.js';
import { renderMarkdownHead } from './markdown.js';
import { NextAction } from './NextAction.js';
import { NoticeLine, noticeLines } from './NoticeLine.js';
import { ZoomMark } from './PanelTitle.js';
import { CgroupPanel, cgroupPanelWant } from './panels/CgroupPanel.js';
import { ChainPanel } from './panels/ChainPanel.js';
import { chainPanelMin, chainPanelOwn, chainPanelWant } from '../format/chainLines.js';
import { ChecksPanel, checksPanelWant } from './panels/ChecksPanel.js';
import { LayersPanel, layersPanelMin, layersPanelWant } from './panels/LayersPanel.js';
import { MountPanel, mountPanelWant } from './panels/MountPanel.js';
import { NamespacePanel, namespacePanelWant } from './panels/NamespacePanel.js';
import { OutputPanel, outputPanelWant } from './panels/OutputPanel.js';
import { PanelSummary } from './panels/PanelSummary.js';
import { ProcessPanel, processPanelWant } from './panels/ProcessPanel.js';
import { SyscallLog, syscallLogWant } from './panels/SyscallLog.js';
import { Slide } from './Slide.js';
import { TaskBox } from './TaskBox.js';
import { activeTask, taskLines, tasksOnScreen, type TaskMode } from './taskLines.js';
import { StepList } from './StepList.js';
import { useSessionState } from './useSessionState.js';
import { interpretCgroup } from '../observe/interpret/cgroupReading.js';
import { interpretLayers } from '../observe/interpret/layersReading.js';

export const SHELL_NOTICE = 'shell inside the container — type exit to come back';

/**
 * Does what a key bound on the lesson screen (keys.ts) asks: of the session (next, back, reset,
 * shell, go to a step) or of the screen (scroll, other slides, fold, zoom, blank); `press` is the
 * key that matched (none for a key taken as any other key).
 */
export type KeyHandler = (binding: KeyBinding, press?: Press) => void;

/** What the lesson screen gives the app's input hook: where its keys are read now, and their handler. */
export interface LessonKeys {
  /** read before each key: a key of a chunk sees the scope the key before it left */
  scope: () => LessonScope;
  onKey: KeyHandler;
}

/** The presenter's modes of the screen. */
interface Mode {
  /** the step number being typed after g or ':', or null */
  prompt: string | null;
  /** a line in the footer's place until the next key (a step number that is no step) */
  note: string | null;
  /** the panel that has all the panels' room, or null */
  zoom: PanelKey | null;
  /** everything but the title line hidden (the presenter's black screen) */
  blank: boolean;
}

const NO_MODE: Mode = { prompt: null, note: null, zoom: null, blank: false };

/** Digits a step number may have: more would be no step of any lesson. */
const MAX_DIGITS = 4;
const MINUTE_MS = 60_000;

/** Slide lines rendered ahead of the scroll position, in steps of this many (a huge slide renders as it is read). */
const RENDER_STEP = 64;

const NO_SCROLL = { key: '', offset: 0 };

export interface LessonScreenProps {
  session: LessonSession;
  columns: number;
  rows: number;
  /**
   * The screen puts its key handler here (at commit, so no key is lost while effects are
   * pending); the app's one input hook calls it with the lesson's step keys (the app itself
   * handles help, menu and quit).
   */
  keysRef: MutableRefObject<LessonKeys | null>;
  /** told when the terminal is handed to a shell and back, so the app stops reading keys */
  onShellChange?: (inShell: boolean) => void;
  /** workshop: tasks show and → goes on; study: → waits for the step's tasks; present: no tasks */
  taskMode?: TaskMode;
}

/** What study mode says when → is pressed with the step's task still open. */
export const STUDY_WAITS = 'study mode: solve the task first (h gives a hint), or n skips it';

export function LessonScreen({ session, columns, rows, keysRef, onShellChange, taskMode = 'workshop' }: LessonScreenProps) {
  const state = useSessionState(session);
  // set by the keys: each set only when it changes a value (see useLatestState)
  const [keyError, setKeyError] = useLatestState<string | null>(null);
  /** the learner reads: a long slide gets the room, the panels fold to one line (stacked) */
  const [reading, setReading] = useLatestState(false);
  /** the slide read instead of the last step's ([ and ]), or null */
  const [viewed, setViewed] = useLatestState<number | null>(null);
  /** how far the slide on screen is scrolled; `key` names the slide */
  const [scroll, setScroll] = useLatestState(NO_SCROLL);
  // the prompt, footer note, zoom and blank screen, patched by the keys (a patch that changes nothing sets nothing)
  const [mode, setModeValue, modeNow] = useLatestState<Mode>(NO_MODE);
  const setMode = (patch: Partial<Mode>): void =>
    setModeValue((m) => ((Object.keys(patch) as (keyof Mode)[]).every((k) => Object.is(m[k], patch[k])) ? m : { ...m, ...patch }));
  const { prompt, note: footerNote, zoom, blank } = mode;

  useLayoutEffect(() => {
    onShellChange?.(state.inShell);
  }, [state.inShell, onShellChange]);

  const run = useCallback((what: string, op: () => Promise<void>) => {
    setKeyError(null);
    try {
      op().catch((e: unknown) => setKeyError(`${what}: ${errorText(e)}`));
    } catch (e) {
      setKeyError(`${what}: ${errorText(e)}`);
    }
  }, []);

  const focus = focusIndex(state);
  const { lesson } = state;
  const n = lesson.steps.length;
  const shownIndex = viewed !== null && viewed >= -1 && viewed < n ? viewed : focus;
  const shownSpec = shownIndex >= 0 ? lesson.steps[shownIndex] : undefined;
  const slideKey = `${shownIndex}`;
  const offset = scroll.key === slideKey ? scroll.offset : 0;
  const split = splitColumns(columns);

  const pending = shownIndex >= 0 && (state.steps[shownIndex]?.status ?? 'pending') === 'pending' && shownIndex !== focus;
  const heading = shownSpec ? `Step ${shownIndex + 1}/${n} · ${shownSpec.title}${pending ? ' · not run yet' : ''}` : `${lesson.title} — introduction`;
  const slideMd = shownSpec
    ? stripTitleHeading(shownSpec.slide, shownSpec.title)
    : stripTitleHeading(lesson.intro.trim() || lesson.summary, lesson.title);
  // only as many lines as the screen can show from the scroll position on are rendered
  const renderLines = Math.ceil((offset + 2 * rows) / RENDER_STEP) * RENDER_STEP;
  const slide = useMemo(() => renderMarkdownHead(slideMd, split.left, renderLines), [slideMd, split.left, renderLines]);

  // the tasks of the step on screen; the open one's clock moves on each whole minute it has been open
  const tasksHere = taskMode === 'present' || shownIndex < 0 ? [] : tasksOnScreen(lesson.steps[shownIndex]?.tasks ?? [], state.tasks, shownIndex);
  const active = activeTask(tasksHere);
  const [now, setNow] = useState(() => Date.now());
  const openedAt = active?.state.status === 'open' ? active.state.openedAt : null;
  useEffect(() => {
    if (openedAt === null) return;
    let timer: ReturnType<typeof setTimeout>;
    const tick = (): void => {
      const t = Date.now();
      setNow(t);
      timer = setTimeout(tick, MINUTE_MS - ((t - openedAt) % MINUTE_MS) + 5);
    };
    tick();
    return () => clearTimeout(timer);
  }, [active?.spec.id, openedAt]);
  const taskText = tasksHere.length ? taskLines(tasksHere, split.left, now, taskMode) : [];

  const focusRun = focus >= 0 ? state.steps[focus] : undefined;
  const snapshot = state.snapshot;
  const log = collectLog(state);
  const checks = focusRun?.checks ?? [];
  const output = focusRun?.output ?? [];
  const stepLabel = focus >= 0 ? `step ${focus + 1}` : '';
  const stepFailed = focusRun?.status === 'failed';
  // a failure in red, or why this host skipped the step and what it would need, in yellow
  const skip = focusRun?.status === 'skipped' ? focusRun.skipped : undefined;
  const stepErrorText = stepFailed ? (focusRun?.error ?? 'the step failed') : (skip?.reason ?? null);
  const stepHint = stepFailed ? focusRun?.hint : skip?.needs;
  const hintLabel = skip ? 'needs' : 'hint';

  const errorHint = 'r starts the lesson again · Esc goes back to the menu';
  // the session's error: a box when it fits in a third of the screen, else two lines
  const total = Math.max(8, rows - 1);
  const errorBoxH = state.error ? errorBoxHeight(state.error, errorHint, columns) : 0;
  const errorH = !state.error ? 0 : errorBoxH <= Math.max(5, Math.floor(total / 3)) ? errorBoxH : errorCompactHeight(errorHint);
  const keyErrorH = keyError ? 1 : 0;
  const notice = state.notice ? noticeLines(state.notice, columns, columns < 100 ? 3 : 2) : [];

  const cgroup = interpretCgroup(snapshot?.cgroupFiles);
  const layers = interpretLayers(snapshot?.overlays);
  const slideLines = slide.lines.length + (slide.more ?? 0);
  const panelNeeds = {
    syscalls: syscallLogWant(log),
    chain: chainPanelWant(snapshot?.chain, split.right),
    chainMin: chainPanelMin(snapshot?.chain, split.right),
    chainOwn: chainPanelOwn(snapshot?.chain, split.right),
    cgroup: cgroupPanelWant(cgroup.files),
    layers: layersPanelWant(layers),
    layersMin: layersPanelMin(layers),
    namespaces: namespacePanelWant(snapshot?.namespaces ?? null),
    checks: checksPanelWant(checks, split.right),
    processes: processPanelWant(snapshot?.processes ?? null),
    mounts: mountPanelWant(snapshot?.mounts ?? null),
    output: outputPanelWant(output),
  };
  // the zoom holds while its panel is there (a step back may take it away)
  const zoomable = zoomablePanels(panelNeeds);
  const zoomedIn = (m: Mode): PanelKey | null => (m.zoom !== null && zoomable.includes(m.zoom) ? m.zoom : null);
  const zoomed = zoomedIn(mode);
  const zoomMark = zoomed === null ? null : nextZoom(zoomable, zoomed) === null ? 'zoomed · z or Esc ends' : 'zoomed · z next · Esc ends';
  const layout = lessonLayout({
    columns,
    rows,
    chrome: errorH + keyErrorH + notice.length,
    steps: n,
    slideLines,
    stepError: {
      min: stepErrorText ? errorCompactHeight(stepHint) : 0,
      want: stepErrorText ? errorBoxHeight(stepErrorText, stepHint, split.left, hintLabel) : 0,
    },
    task: { min: Math.min(taskText.length, active ? 8 : 2), want: taskText.length },
    reading,
    panels: panelNeeds,
    zoom: zoomed,
  });
  const { cols, body, h } = layout;
  const sv = slideView(slideLines, offset, h.slide);
  const atEnd = sv.first + sv.shown >= sv.total && slide.more !== null;
  // what the keys do from here: read on (the panels fold while reading, stacked), or go back up
  const hint = !sv.cut
    ? undefined
    : !cols.twoColumns && !layout.folded
      ? '↓ reads on, the panels fold'
      : atEnd
        ? '↑ PgUp back up'
        : '↓ PgDn reads on';

  const scopeOf = (m: Mode): LessonScope => (m.blank ? 'blank' : m.prompt !== null ? 'prompt' : zoomedIn(m) !== null ? 'zoomed' : 'lesson');
  const onKey: KeyHandler = ({ command, whileBusy }, press) => {
    if (state.inShell || (state.busy && !whileBusy)) return;
    const now = modeNow.current;
    if (now.note !== null) setMode({ note: null });
    // Unchanged state is left as it is: a state update here would draw a frame (tens of ms on
    // the app's one thread) before the step's own, while the helper's replies wait behind it.
    const fresh = (): void => {
      setReading(false);
      setViewed(null);
      setScroll((s) => (s.key === '' && s.offset === 0 ? s : NO_SCROLL));
    };
    if (command === 'next') {
      const waiting = taskMode === 'study' && state.tasks.some((t) => t.step === focus && t.status === 'open');
      if (waiting) {
        setMode({ note: STUDY_WAITS });
        return;
      }
      fresh();
      run('next step', () => session.next());
    } else if (command === 'back') {
      fresh();
      run('step back', () => session.back());
    } else if (command === 'reset') {
      fresh();
      run('reset', () => session.reset());
    } else if (command === 'jump') setMode({ prompt: '' });
    else if (command === 'jumpDigit' && press && 'input' in press) {
      const typed = now.prompt ?? '';
      if (typed.length < MAX_DIGITS) setMode({ prompt: typed + press.input });
    } else if (command === 'jumpErase') setMode({ prompt: (now.prompt ?? '').slice(0, -1) });
    else if (command === 'jumpCancel') setMode({ prompt: null });
    else if (command === 'jumpGo') {
      const to = jumpTarget(now.prompt ?? '', n);
      setMode({ prompt: null, note: to && 'problem' in to ? to.problem : null });
      if (to && 'step' in to) {
        fresh();
        run(`go to step ${to.step}`, () => session.jump(to.step));
      }
    } else if (command === 'zoom') setMode({ zoom: nextZoom(zoomable, zoomedIn(now)) });
    else if (command === 'unzoom') setMode({ zoom: null });
    else if (command === 'blank') setMode({ blank: true });
    else if (command === 'unblank') setMode({ blank: false });
    else if (command === 'shell') run('shell', () => session.shell());
    else if (command === 'hint' || command === 'skipTask') {
      // the open task of the step that ran last (the one on screen after → )
      const open = activeTask(tasksOnScreen(lesson.steps[focus]?.tasks ?? [], state.tasks, focus));
      if (taskMode !== 'present' && open) {
        if (command === 'hint') session.hint(open.spec.id);
        else session.skipTask(open.spec.id);
      }
    }
    else if (command === 'panels') {
      if (!cols.twoColumns && zoomed === null) setReading((r) => !r);
    }
    else if (command === 'slides') {
      const to = Math.max(-1, Math.min(n - 1, shownIndex + (press?.move === 'prev' ? -1 : 1)));
      setViewed(to === focus ? null : to);
    } else if (command === 'scroll' && h.slide > 0 && press?.move && press.move !== 'prev' && press.move !== 'next') {
      // reading on in a slide longer than its room: the panels give way
      if (sv.cut && !cols.twoColumns) setReading(true);
      setScroll({ key: slideKey, offset: scrolled(sv, press.move) });
    }
  };
  useLayoutEffect(() => {
    keysRef.current = { scope: () => scopeOf(modeNow.current), onKey };
  });
  useLayoutEffect(
    () => () => {
      keysRef.current = null;
    },
    [keysRef],
  );

  if (state.inShell) {
    return (
      <Box width={columns}>
        <Text wrap="truncate-end" color="cyan">
          {SHELL_NOTICE}
        </Text>
      </Box>
    );
  }

  if (blank) {
    return (
      <Box width={columns}>
        <LessonHeader state={state} width={columns} />
      </Box>
    );
  }

  const left = (
    <Box flexDirection="column" width={cols.left}>
      <Slide heading={heading} lines={slide.lines} view={sv} more={slide.more === null} hint={hint} width={cols.left} height={h.slide} />
      <TaskBox lines={taskText} width={cols.left} height={h.task} />
      <StepList
        specs={lesson.steps}
        runs={state.steps}
        cursor={state.cursor}
        focus={focus}
        view={shownIndex}
        width={cols.left}
        height={h.steps}
        timing={cols.twoColumns}
      />
      {h.next > 0 ? <NextAction state={state} /> : null}
      {stepErrorText && h.stepError > 0 ? (
        <ErrorBox
          title={skip ? `– step ${focus + 1} skipped on this host` : `✗ step ${focus + 1} failed`}
          message={stepErrorText}
          hint={stepHint}
          hintLabel={hintLabel}
          color={skip ? 'yellow' : 'red'}
          width={cols.left}
          height={h.stepError}
        />
      ) : null}
    </Box>
  );
  const w = cols.right;
  const right = layout.folded ? (
    <PanelSummary
      processes={snapshot?.processes ?? null}
      namespaces={snapshot?.namespaces ?? null}
      mounts={snapshot?.mounts ?? null}
      cgroup={cgroup}
      layers={layers}
      chain={snapshot?.chain}
      log={log}
      checks={checks}
      output={output}
    />
  ) : (
    <Box flexDirection="column" width={w}>
      <ZoomMark.Provider value={zoomMark}>
        <ProcessPanel processes={snapshot?.processes ?? null} width={w} height={h.processes} />
        <ChainPanel view={snapshot?.chain} width={w} height={h.chain} />
        <NamespacePanel rows={snapshot?.namespaces ?? null} width={w} height={h.namespaces} />
        <CgroupPanel reading={cgroup} width={w} height={h.cgroup} />
        <LayersPanel reading={layers} width={w} height={h.layers} />
        <MountPanel mounts={snapshot?.mounts ?? null} width={w} height={h.mounts} wide={cols.twoColumns && w >= 70} />
        <SyscallLog lines={log} width={w} height={h.syscalls} timing={cols.twoColumns && w >= 80} />
        <ChecksPanel checks={checks} label={stepLabel} width={w} height={h.checks} />
        <OutputPanel lines={output} label={stepLabel} width={w} height={h.output} />
      </ZoomMark.Provider>
    </Box>
  );

  return (
    <Box flexDirection="column" width={columns}>
      <LessonHeader state={state} width={columns} />
      {state.error ? (
        <ErrorBox title="✗ error" message={state.error} hint={errorHint} width={columns} height={errorH} />
      ) : null}
      {keyError ? (
        <Text wrap="truncate-end" color="red" bold>
          {`✗ ${keyError}`}
        </Text>
      ) : null}
      {cols.twoColumns ? (
        <Box flexDirection="row" width={columns} height={body} overflowY="hidden">
          {left}
          <Box width={cols.gap} />
          {right}
        </Box>
      ) : (
        <Box flexDirection="column" width={columns} height={body} overflowY="hidden">
          {left}
          {right}
        </Box>
      )}
      {state.notice ? <NoticeLine message={state.notice} width={columns} max={notice.length} /> : null}
      {prompt !== null ? (
        <JumpPrompt typed={prompt} steps={n} />
      ) : footerNote !== null ? (
        <Text wrap="truncate-end" color="yellow">
          {footerNote}
        </Text>
      ) : (
        <Footer
          busy={state.busy}
          width={columns}
          scope={scopeOf(mode)}
          scrollable={sv.cut && h.slide > 0}
          foldable={zoomed === null && (layout.folded || (sv.cut && !cols.twoColumns))}
          replay={session.replay !== undefined}
        />
      )}
    </Box>
  );
}
