// The lesson screen: slide, steps and next action on the left; live kernel panels on the right.
import { useCallback, useLayoutEffect, useMemo, useState, type MutableRefObject } from 'react';
import { Box, Text } from 'ink';
import type { LessonSession } from '../types.js';
import { collectLog, errorText, focusIndex, stripTitleHeading } from './derive.js';
import { ErrorBox, errorBoxHeight, errorCompactHeight } from './ErrorBox.js';
import { Footer } from './Footer.js';
import type { KeyBinding } from './keys.js';
import { allocate, splitColumns, type SectionNeed } from './layout.js';
import { LessonHeader } from './LessonHeader.js';
import { renderMarkdownHead } from './markdown.js';
import { NextAction } from './NextAction.js';
import { NoticeLine, noticeLines } from './NoticeLine.js';
import { CgroupPanel, cgroupPanelWant } from './panels/CgroupPanel.js';
import { ChainPanel } from './panels/ChainPanel.js';
import { chainPanelWant } from '../format/chainLines.js';
import { ChecksPanel, checksPanelWant } from './panels/ChecksPanel.js';
import { LayersPanel, layersPanelMin, layersPanelWant } from './panels/LayersPanel.js';
import { MountPanel, mountPanelWant } from './panels/MountPanel.js';
import { NamespacePanel, namespacePanelWant } from './panels/NamespacePanel.js';
import { OutputPanel, outputPanelWant } from './panels/OutputPanel.js';
import { ProcessPanel, processPanelWant } from './panels/ProcessPanel.js';
import { SyscallLog, syscallLogWant } from './panels/SyscallLog.js';
import { Slide, slideWant } from './Slide.js';
import { StepList } from './StepList.js';
import { useSessionState } from './useSessionState.js';
import { interpretCgroup } from '../observe/interpret/cgroupReading.js';
import { interpretLayers } from '../observe/interpret/layersReading.js';

export const SHELL_NOTICE = 'shell inside the container — type exit to come back';

/** Does what a key bound on the lesson screen (keys.ts) asks of the session: next, back, reset, shell. */
export type KeyHandler = (binding: KeyBinding) => void;

export interface LessonScreenProps {
  session: LessonSession;
  columns: number;
  rows: number;
  /**
   * The screen puts its key handler here (at commit, so no key is lost while effects are
   * pending); the app's one input hook calls it with the lesson's step keys (the app itself
   * handles help, menu and quit).
   */
  keysRef: MutableRefObject<KeyHandler | null>;
  /** told when the terminal is handed to a shell and back, so the app stops reading keys */
  onShellChange?: (inShell: boolean) => void;
}

export function LessonScreen({ session, columns, rows, keysRef, onShellChange }: LessonScreenProps) {
  const state = useSessionState(session);
  const [keyError, setKeyError] = useState<string | null>(null);

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

  const onKey: KeyHandler = ({ command, whileBusy }) => {
    if (state.inShell || (state.busy && !whileBusy)) return;
    if (command === 'next') run('next step', () => session.next());
    else if (command === 'back') run('step back', () => session.back());
    else if (command === 'reset') run('reset', () => session.reset());
    else if (command === 'shell') run('shell', () => session.shell());
  };
  useLayoutEffect(() => {
    keysRef.current = onKey;
  });
  useLayoutEffect(
    () => () => {
      keysRef.current = null;
    },
    [keysRef],
  );

  const cols = splitColumns(columns);
  const focus = focusIndex(state);
  const { lesson } = state;
  const n = lesson.steps.length;
  const focusSpec = focus >= 0 ? lesson.steps[focus] : undefined;
  const focusRun = focus >= 0 ? state.steps[focus] : undefined;

  const heading = focusSpec ? `Step ${focus + 1}/${n} · ${focusSpec.title}` : `${lesson.title} — introduction`;
  const slideMd = focusSpec
    ? stripTitleHeading(focusSpec.slide, focusSpec.title)
    : stripTitleHeading(lesson.intro.trim() || lesson.summary, lesson.title);
  // only the lines a screen this tall can show are rendered, once per slide, width and height
  const slide = useMemo(() => renderMarkdownHead(slideMd, cols.left, rows), [slideMd, cols.left, rows]);

  if (state.inShell) {
    return (
      <Box width={columns}>
        <Text wrap="truncate-end" color="cyan">
          {SHELL_NOTICE}
        </Text>
      </Box>
    );
  }

  const snapshot = state.snapshot;
  const log = collectLog(state);
  const checks = focusRun?.checks ?? [];
  const output = focusRun?.output ?? [];
  const stepLabel = focus >= 0 ? `step ${focus + 1}` : '';
  const stepFailed = focusRun?.status === 'failed';
  const stepErrorText = stepFailed ? (focusRun?.error ?? 'the step failed') : null;

  // Lines: the whole tree stays below the terminal's height so Ink never scrolls.
  const total = Math.max(8, rows - 1);
  const errorHint = 'r starts the lesson again · Esc goes back to the menu';
  // the session's error: a box when it fits in a third of the screen, else two lines
  const errorBoxH = state.error ? errorBoxHeight(state.error, errorHint, columns) : 0;
  const errorH = !state.error ? 0 : errorBoxH <= Math.max(5, Math.floor(total / 3)) ? errorBoxH : errorCompactHeight(errorHint);
  const keyErrorH = keyError ? 1 : 0;
  const notice = state.notice ? noticeLines(state.notice, columns, columns < 100 ? 3 : 2) : [];
  const body = Math.max(4, total - 2 - errorH - keyErrorH - notice.length);

  const stepErrorWidth = cols.left;
  const stepErrorWant = stepErrorText ? errorBoxHeight(stepErrorText, focusRun?.hint, stepErrorWidth) : 0;

  const leftNeeds: SectionNeed[] = [
    { key: 'next', min: 1, want: 1 },
    { key: 'stepError', min: stepErrorText ? errorCompactHeight(focusRun?.hint) : 0, want: stepErrorWant },
    { key: 'steps', min: Math.min(n, 3), want: n },
    { key: 'slide', min: 3, want: slideWant(slide.lines, slide.more), weight: 3 },
  ];
  // The cgroup and layers panels show only once the lesson has made a cgroup or an overlay; then
  // they come right after the syscalls, and the mount table (which lists the overlay mount too)
  // is what gives way: it shares spare lines at a lower weight and, stacked, is served last.
  const cgroup = interpretCgroup(snapshot?.cgroupFiles);
  const layers = interpretLayers(snapshot?.overlays);
  const cgroupWant = cgroupPanelWant(cgroup.files);
  const layersWant = layersPanelWant(layers);
  const chainWant = chainPanelWant(snapshot?.chain, cols.right);
  const kernelFocus = cgroupWant > 0 || layersWant > 0 || chainWant > 0;
  // their minimums shrink on a small terminal so they still show (a few lines) rather than drop
  const focusMax = Math.max(3, body - 10);
  const rightNeeds: SectionNeed[] = [
    { key: 'syscalls', min: 3, want: syscallLogWant(log), weight: 2 },
    // the chain lessons' API log, timeline, bars and daemon views: what those lessons are about
    { key: 'chain', min: Math.min(focusMax, cols.twoColumns ? 18 : 6), want: chainWant, weight: 4 },
    // title and the seven files a cgroup lesson talks about (limit, usage, events for memory,
    // cpu and pids); fewer when the layers panel needs room too
    { key: 'cgroup', min: Math.min(focusMax, layersWant > 0 ? 5 : 8), want: cgroupWant, weight: 2 },
    { key: 'layers', min: Math.min(focusMax, 7, layersPanelMin(layers)), want: layersWant, weight: 2 },
    { key: 'namespaces', min: cols.twoColumns ? 2 : 1, want: namespacePanelWant(snapshot?.namespaces ?? null) },
    { key: 'checks', min: 2, want: checksPanelWant(checks, cols.right) },
    // in the chain lessons the process tree (daemons, shim, PID 1) is half the story: keep it whole
    { key: 'processes', min: chainWant > 0 ? Math.min(cols.twoColumns ? 8 : 4, processPanelWant(snapshot?.processes ?? null)) : 2, want: processPanelWant(snapshot?.processes ?? null) },
    { key: 'mounts', min: 2, want: mountPanelWant(snapshot?.mounts ?? null), weight: kernelFocus ? 1 : 2 },
    { key: 'output', min: 2, want: outputPanelWant(output) },
  ];

  let h: Record<string, number>;
  if (cols.twoColumns) {
    h = { ...allocate(body, leftNeeds), ...allocate(body, rightNeeds) };
  } else {
    const [next, stepError, steps, slide] = leftNeeds;
    const [syscalls, chainNeed, cgroup, layers, namespaces, checksNeed, processes, mounts, outputNeed] = rightNeeds;
    h = allocate(body, [
      next,
      stepError,
      { ...slide, weight: 2 },
      { ...steps, min: Math.min(n, 2) },
      { ...syscalls, min: 2 },
      chainNeed,
      cgroup,
      layers,
      namespaces,
      checksNeed,
      processes,
      ...(kernelFocus ? [outputNeed, mounts] : [mounts, outputNeed]),
    ]);
  }

  const left = (
    <Box flexDirection="column" width={cols.left}>
      <Slide heading={heading} lines={slide.lines} more={slide.more} width={cols.left} height={h.slide} />
      <StepList
        specs={lesson.steps}
        runs={state.steps}
        cursor={state.cursor}
        focus={focus}
        width={cols.left}
        height={h.steps}
        timing={cols.twoColumns}
      />
      {h.next > 0 ? <NextAction state={state} /> : null}
      {stepErrorText && h.stepError > 0 ? (
        <ErrorBox
          title={`✗ step ${focus + 1} failed`}
          message={stepErrorText}
          hint={focusRun?.hint}
          width={stepErrorWidth}
          height={h.stepError}
        />
      ) : null}
    </Box>
  );
  const w = cols.right;
  const right = (
    <Box flexDirection="column" width={w}>
      <ProcessPanel processes={snapshot?.processes ?? null} width={w} height={h.processes} />
      <ChainPanel view={snapshot?.chain} width={w} height={h.chain} />
      <NamespacePanel rows={snapshot?.namespaces ?? null} width={w} height={h.namespaces} />
      <CgroupPanel reading={cgroup} width={w} height={h.cgroup} />
      <LayersPanel reading={layers} width={w} height={h.layers} />
      <MountPanel mounts={snapshot?.mounts ?? null} width={w} height={h.mounts} wide={cols.twoColumns && w >= 70} />
      <SyscallLog lines={log} width={w} height={h.syscalls} timing={cols.twoColumns && w >= 80} />
      <ChecksPanel checks={checks} label={stepLabel} width={w} height={h.checks} />
      <OutputPanel lines={output} label={stepLabel} width={w} height={h.output} />
    </Box>
  );

  return (
    <Box flexDirection="column" width={columns}>
      <LessonHeader state={state} />
      {state.error ? (
        <ErrorBox title="✗ error" message={state.error} hint={errorHint} width={columns} height={errorH} />
      ) : null}
      {keyError ? (
        <Text wrap="truncate-end" color="red" bold>
          {`✗ ${keyError}`}
        </Text>
      ) : null}
      {cols.twoColumns ? (
        <Box flexDirection="row" width={columns} height={body} overflow="hidden">
          {left}
          <Box width={cols.gap} />
          {right}
        </Box>
      ) : (
        <Box flexDirection="column" width={columns} height={body} overflow="hidden">
          {left}
          {right}
        </Box>
      )}
      {state.notice ? <NoticeLine message={state.notice} width={columns} max={notice.length} /> : null}
      <Footer busy={state.busy} compact={columns < 90} />
    </Box>
  );
}
