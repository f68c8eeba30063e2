import type { Check } from '../framework/check.js';
import type { SmokeContext } from '../context.js';
import { SMOKE_LABEL } from '../plan.js';

/** The throw-away namespace and the NAD(s): everything else stands on them. */
export const setupCheck: Check<SmokeContext> = {
  id: 'setup',
  title: 'create the throw-away namespace and find or create the NAD',
  required: true,
  async run(ctx, t) {
    const { cluster, plan, state } = ctx;
    await t.action(`create namespace ${plan.namespace}`, async () => {
      await cluster.namespaces.create(plan.namespace, { [SMOKE_LABEL]: 'true' });
      state.createdNamespace = true;
    });
    if (plan.createNad) {
      const nad = plan.createNad;
      const ref = `${nad.metadata.namespace}/${nad.metadata.name}`;
      await t.action(`create NAD ${ref}`, async () => {
        t.log(`config: ${nad.spec?.config}`);
        const created = await cluster.nads.create(nad);
        state.createdNads.push(ref);
        state.nads.set(ref, created);
      });
      return;
    }
    for (const attachment of plan.attachments) {
      const [namespace, name] = attachment.nadRef.split('/') as [string, string];
      const nad = await t.action(`get NAD ${attachment.nadRef}`, () => cluster.nads.get(namespace, name));
      if (nad === undefined) {
        t.fail(`there is no NetworkAttachmentDefinition ${name} in namespace ${namespace}`);
        continue;
      }
      t.log(`config: ${nad.spec?.config}`);
      state.nads.set(attachment.nadRef, nad);
    }
  },
};
