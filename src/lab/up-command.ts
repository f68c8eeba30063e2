/**
 * The base of `lab up` and `lab reset`: the one place that starts the lab from a command, so both
 * get the same launcher, progress lines, fault-test stop point and Ctrl-C clean-up.
 */
import { join } from 'node:path';
import type { Command } from '@oclif/core';
import type { LabTarget, LabUpResult } from './lab.js';
import { BaseCommand } from '../cli/base-command.js';
import { LAB_STOP_AFTER_ENV } from './target.js';

export abstract class LabUpCommand<T extends typeof Command> extends BaseCommand<T> {
  protected async startLab(target: LabTarget): Promise<LabUpResult> {
    const [{ labUp }, { labConnectPort }] = await Promise.all([import('./lab.js'), import('./connect.js')]);
    const env = this.environment;
    return labUp(target, {
      launcher: { node: process.execPath, script: join(this.config.root, 'bin', 'run.js') },
      connect: labConnectPort(env),
      env,
      version: this.config.version,
      progress: process.stderr.isTTY || this.flags.debug ? (line) => this.note(this.colors.dim(line)) : undefined,
      stopAfter: env[LAB_STOP_AFTER_ENV],
      signal: this.interrupt.signal,
    });
  }
}
