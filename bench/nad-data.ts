/** Generated NADs for the nad benchmarks: n macvlan/host-local NADs with distinct /24 subnets. */
export function generatedNads(n: number): Array<Record<string, unknown>> {
  return Array.from({ length: n }, (_, i) => {
    const a = 10 + Math.floor(i / 65536);
    const b = Math.floor(i / 256) % 256;
    const c = i % 256;
    const config = { cniVersion: '1.0.0', name: `net-${i}`, type: 'macvlan', master: 'eth1', mode: 'bridge', ipam: { type: 'host-local', subnet: `${a}.${b}.${c}.0/24`, rangeStart: `${a}.${b}.${c}.10`, rangeEnd: `${a}.${b}.${c}.200`, gateway: `${a}.${b}.${c}.1` } };
    return { apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: `net-${i}`, namespace: 'default' }, spec: { config: JSON.stringify(config) } };
  });
}

export function asYamlStream(nads: Array<Record<string, unknown>>): string {
  return nads
    .map((n) => {
      const m = n.metadata as { name: string; namespace: string };
      return `apiVersion: k8s.cni.cncf.io/v1\nkind: NetworkAttachmentDefinition\nmetadata:\n  name: ${m.name}\n  namespace: ${m.namespace}\nspec:\n  config: '${(n.spec as { config: string }).config}'\n`;
    })
    .join('---\n');
}
