/** The registry of NAD lint rules, in id order (spec/cli.md "NAD lint rules"). */
import { nad001 } from './nad001-name.js';
import { nad002 } from './nad002-config-json.js';
import { nad003 } from './nad003-type.js';
import { nad004 } from './nad004-network-name.js';
import { nad005 } from './nad005-cni-version.js';
import { nad006 } from './nad006-reserved-keys.js';
import { nad007 } from './nad007-ipam.js';
import { nad008 } from './nad008-default-route.js';
import { nad009 } from './nad009-link.js';
import { nad010 } from './nad010-pod-requests.js';
import { nad011 } from './nad011-node.js';
import { nad012 } from './nad012-cluster-cidr.js';
import type { Rule } from './rule.js';

export type { Rule, RuleContext, RuleFinding } from './rule.js';

export const RULES: readonly Rule[] = [nad001, nad002, nad003, nad004, nad005, nad006, nad007, nad008, nad009, nad010, nad011, nad012];
