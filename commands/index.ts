/**
 * The command index for oclif's "explicit" discovery strategy: a bundled CLI cannot scan a
 * directory, so every command is listed here by its id (topic:verb).
 */
import type { Command } from '@oclif/core';
import LabDaemon from './lab/daemon.js';
import LabDown from './lab/down.js';
import LabReset from './lab/reset.js';
import LabStatus from './lab/status.js';
import LabUp from './lab/up.js';

export const COMMANDS: Record<string, Command.Class> = {
  'lab:daemon': LabDaemon,
  'lab:down': LabDown,
  'lab:reset': LabReset,
  'lab:status': LabStatus,
  'lab:up': LabUp,
};
