/**
 * The command index for oclif's "explicit" discovery strategy: a bundled CLI cannot scan a
 * directory, so every command is listed here by its id (topic:verb).
 */
import type { Command } from '@oclif/core';
import DebugNode from './debug/node.js';
import DebugRoute from './debug/route.js';
import PodInspect from './pod/inspect.js';

export const COMMANDS: Record<string, Command.Class> = {
  'debug:node': DebugNode,
  'debug:route': DebugRoute,
  'pod:inspect': PodInspect,
};
