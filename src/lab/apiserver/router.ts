/**
 * Parses a Kubernetes REST path into the resource, namespace, name and subresource it addresses:
 * /api/v1/[namespaces/NS/]PLURAL[/NAME[/SUB]] and /apis/GROUP/VERSION/[namespaces/NS/]PLURAL[/NAME[/SUB]].
 */
import { findResource, type ResourceType } from './resources.js';

export interface ResourcePath {
  group: string;
  version: string;
  plural: string;
  resource?: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined; // malformed %-escape
  }
}

/** undefined for a path that addresses no resource (answered 404). */
export function parseResourcePath(pathname: string): ResourcePath | undefined {
  const decoded = pathname.split('/').filter((p) => p.length > 0).map(decode);
  if (decoded.some((p) => p === undefined)) return undefined;
  const parts = decoded as string[];
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else return undefined;

  let namespace: string | undefined;
  // namespaces/NS/PLURAL... addresses objects in NS; namespaces/NAME[/status] is the namespace itself.
  if (rest[0] === 'namespaces' && rest.length >= 3 && !NAMESPACE_SUBRESOURCES.has(rest[2]!)) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  if (rest.length === 0 || rest.length > 3) return undefined;
  const [plural, name, subresource] = rest as [string, string | undefined, string | undefined];
  const resource = findResource(group, version, plural);
  return { group, version, plural, resource, namespace, name, subresource };
}
