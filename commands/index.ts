/**
 * The command index for oclif's "explicit" discovery strategy: a bundled CLI cannot scan a
 * directory, so every command is listed here by its id (topic:verb).
 */
import type { Command } from '@oclif/core';
import Doctor from './doctor.js';
import PodAttach from './pod/attach.js';
import PodList from './pod/list.js';
import Smoke from './smoke.js';

export const COMMANDS: Record<string, Command.Class> = {
  doctor: Doctor,
  'pod:attach': PodAttach,
  'pod:list': PodList,
  smoke: Smoke,
};
