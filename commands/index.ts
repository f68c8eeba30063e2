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
import NadCreate from './nad/create.js';
import NadDelete from './nad/delete.js';
import NadGet from './nad/get.js';
import NadList from './nad/list.js';
import NadValidate from './nad/validate.js';
import PodInspect from './pod/inspect.js';

export const COMMANDS: Record<string, Command.Class> = {
  add: Add,
  check: Check,
  'debug:node': DebugNode,
  'debug:route': DebugRoute,
  del: Del,
  'nad:create': NadCreate,
  'nad:delete': NadDelete,
  'nad:get': NadGet,
  'nad:list': NadList,
  'nad:validate': NadValidate,
  'pod:inspect': PodInspect,
};
