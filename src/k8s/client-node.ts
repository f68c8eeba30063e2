/**
 * The one module that loads @kubernetes/client-node, for the two things multusctl leaves to it:
 * pods/exec over WebSocket (its `Exec`, used by exec.ts) and the credentials only a plugin can
 * produce (exec credential plugins, auth providers such as OIDC) or that need a proxy. It is only
 * ever imported dynamically, on first use: client-node pulls in its generated API models, several
 * times `node -e 0`. The lean bundles (scripts/bundle.js) keep it out of their single file for that.
 */
import { KubeConfig } from '@kubernetes/client-node';
import type { ResolvedKubeconfig } from './kubeconfig.js';

export { Exec } from '@kubernetes/client-node';

/**
 * One KubeConfig per resolved kubeconfig, shared by pods/exec and the request credentials, so an
 * exec credential plugin runs once and its cached token serves both.
 */
const built = new WeakMap<ResolvedKubeconfig, KubeConfig>();

export function clientNodeKubeConfig(resolved: ResolvedKubeconfig): KubeConfig {
  let kc = built.get(resolved);
  if (kc === undefined) {
    kc = build(resolved);
    built.set(resolved, kc);
  }
  return kc;
}

function build(resolved: ResolvedKubeconfig): KubeConfig {
  const { config, contextName } = resolved;
  const context = config.contexts.get(contextName) ?? {};
  // Only the current context's entries, under kubeconfig's own field names; paths are absolute already.
  const raw = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: context.cluster ?? contextName, cluster: resolved.cluster }],
    users: [{ name: context.user ?? contextName, user: resolved.user }],
    contexts: [{ name: contextName, context: { ...context, cluster: context.cluster ?? contextName, user: context.user ?? contextName } }],
    'current-context': contextName,
  };
  const kc = new KubeConfig();
  kc.loadFromString(JSON.stringify(raw));
  return kc;
}
