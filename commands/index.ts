/**
 * The command index for oclif's "explicit" discovery strategy: a bundled CLI cannot scan a
 * directory, so every command is listed here by its id (topic:verb).
 */
import type { Command } from '@oclif/core';
import Add from './add.js';
import Check from './check.js';
import Del from './del.js';

export const COMMANDS: Record<string, Command.Class> = {
  add: Add,
  check: Check,
  del: Del,
};
