/** Kubernetes name rules (DNS-1123), each returning why a name fails, or undefined. */

const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function dns1123LabelProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (name.length > 63) return `is ${name.length} characters long (at most 63)`;
  if (!LABEL.test(name)) return charProblem(name, false);
  return undefined;
}

export function dns1123SubdomainProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (name.length > 253) return `is ${name.length} characters long (at most 253)`;
  if (!SUBDOMAIN.test(name)) return charProblem(name, true);
  return undefined;
}

function charProblem(name: string, dots: boolean): string {
  if (/[A-Z]/.test(name)) return 'has upper-case letters';
  const bad = [...name].find((c) => !/[a-z0-9-]/.test(c) && !(dots && c === '.'));
  if (bad !== undefined) return `contains ${JSON.stringify(bad)}`;
  return dots ? 'must start and end with a letter or digit, and so must each dot-separated part' : 'must start and end with a letter or digit';
}
