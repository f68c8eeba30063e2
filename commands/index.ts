/**
 * The command index for oclif's "explicit" discovery strategy: a bundled CLI cannot scan a
 * directory, so every command is listed here by its id (topic:verb).
 */
import type { Command } from '@oclif/core';
import Add from './add.js';
import Check from './check.js';
import DebugNode from './debug/node.js';
import DebugRoute from './debug/route.js';
import Del from './del.js';
import Doctor from './doctor.js';
import LabDaemon from './lab/daemon.js';
import LabDown from './lab/down.js';
import LabReset from './lab/reset.js';
import LabStatus from './lab/status.js';
import LabUp from './lab/up.js';
import NadCreate from './nad/create.js';
import NadDelete from './nad/delete.js';
import NadGet from './nad/get.js';
import NadList from './nad/list.js';
import NadValidate from './nad/validate.js';
import PodAttach from './pod/attach.js';
import PodInspect from './pod/inspect.js';
import PodList from './pod/list.js';
import Smoke from './smoke.js';

export const COMMANDS: Record<string, Command.Class> = {
  add: Add,
  check: Check,
  'debug:node': DebugNode,
  'debug:route': DebugRoute,
  del: Del,
  doctor: Doctor,
  'lab:daemon': LabDaemon,
  'lab:down': LabDown,
  'lab:reset': LabReset,
  'lab:status': LabStatus,
  'lab:up': LabUp,
  'nad:create': NadCreate,
  'nad:delete': NadDelete,
  'nad:get': NadGet,
  'nad:list': NadList,
  'nad:validate': NadValidate,
  'pod:attach': PodAttach,
  'pod:inspect': PodInspect,
  'pod:list': PodList,
  smoke: Smoke,
};
