// The action registry: lesson action names → the module that performs them.
import type { Action } from './context.js';
import type { ActionName } from '../lesson/vocabulary.js';
import { unshare } from './unshare.js';
import { sethostname } from './sethostname.js';
import { makeMountsPrivate } from './makeMountsPrivate.js';
import { mountTmpfs } from './mountTmpfs.js';
import { startInit } from './startInit.js';
import { mountProc } from './mountProc.js';
import { linkUp } from './linkUp.js';
import { joinCgroup } from './joinCgroup.js';
import { userNamespace } from './userNamespace.js';
import { run } from './run.js';

export const actions: Record<ActionName, Action> = {
  unshare,
  sethostname,
  'make-mounts-private': makeMountsPrivate,
  'mount-tmpfs': mountTmpfs,
  'start-init': startInit,
  'mount-proc': mountProc,
  'link-up': linkUp,
  'join-cgroup': joinCgroup,
  'user-namespace': userNamespace,
  run,
};
