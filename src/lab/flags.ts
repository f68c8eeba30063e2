/** Flags shared by the lab commands. --prefix and --underlay are hidden: tests run labs side by side. */
import { Flags } from '@oclif/core';

export const labDirFlag = Flags.string({ description: 'lab directory (default: MULTUSCTL_LAB_DIR, else ~/.multusctl/lab)' });
export const labPrefixFlag = Flags.string({ hidden: true, description: 'prefix of the lab namespace and link names (default mlab-)' });
export const labUnderlayFlag = Flags.string({ hidden: true, description: 'underlay /24 of the node eth0s (default 10.99.0.0/24)' });
export const labNodesFlag = Flags.integer({ description: 'number of nodes (default 2, or what the lab had)', min: 1, max: 8 });
