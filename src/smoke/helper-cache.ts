import type { NodeHelper } from '../node/helper.js';

/** One node helper per node for the whole run, opened on first use and closed together. */
export function helperCache(open: (node: string) => Promise<NodeHelper>): { get(node: string): Promise<NodeHelper>; closeAll(): Promise<void> } {
  const helpers = new Map<string, Promise<NodeHelper>>();
  return {
    get(node) {
      let helper = helpers.get(node);
      if (helper === undefined) {
        helper = open(node);
        helpers.set(node, helper);
        // A failed open is not cached: the next check may try again.
        helper.catch(() => helpers.delete(node));
      }
      return helper;
    },
    async closeAll() {
      const all = [...helpers.values()];
      helpers.clear();
      await Promise.all(all.map(async (h) => (await h.catch(() => undefined))?.close().catch(() => {})));
    },
  };
}
