import { NAD_KIND } from '../../constants.js';
import { analyzePodAttachments, usesSecondaryNetworks } from '../pod-attachments.js';
import { lintClusterNads } from './lint.js';
import type { DoctorFacts, DoctorInput } from './types.js';

/** Indexes the input once: NADs by namespace/name, and each pod's attachments analysed. */
export function buildFacts(input: DoctorInput): DoctorFacts {
  const nadsByRef = new Map(input.nads.map((nad) => [`${nad.metadata.namespace ?? 'default'}/${nad.metadata.name}`, nad]));
  const attachments = input.pods.filter(usesSecondaryNetworks).map(analyzePodAttachments);
  return { ...input, nadsByRef, attachments, lint: lintClusterNads(input) };
}

/** "pod/ns/name" style object names used in findings. */
export const objectName = {
  pod: (namespace: string, name: string): string => `pod/${namespace}/${name}`,
  nad: (ref: string): string => `${NAD_KIND}/${ref}`,
  node: (name: string): string => `node/${name}`,
  daemonSet: (namespace: string, name: string): string => `daemonset/${namespace}/${name}`,
};
