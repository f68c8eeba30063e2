import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkFieldPaths, matchFields, matchLabels, parseFieldSelector, parseLabelSelector, SelectorError } from '../../../src/lab/apiserver/selectors.js';

const labels = { app: 'web', tier: 'front', 'example.com/owner': 'net' };
const m = (sel: string, l: Record<string, string> | undefined = labels): boolean => matchLabels(parseLabelSelector(sel), l);

describe('label selectors', () => {
  it('matches =, ==, !=, in, notin, exists and !key', () => {
    assert.equal(m('app=web'), true);
    assert.equal(m('app==web'), true);
    assert.equal(m('app=db'), false);
    assert.equal(m('app!=db'), true);
    assert.equal(m('missing!=x'), true, '!= holds when the key is absent');
    assert.equal(m('tier in (front, back)'), true);
    assert.equal(m('tier in (back)'), false);
    assert.equal(m('tier notin (back)'), true);
    assert.equal(m('missing notin (back)'), true);
    assert.equal(m('example.com/owner'), true);
    assert.equal(m('!example.com/owner'), false);
    assert.equal(m('!missing'), true);
    assert.equal(m('app=web,tier in (front),!missing'), true);
    assert.equal(m('app=web,tier=back'), false);
    assert.equal(m(''), true);
    assert.equal(matchLabels(parseLabelSelector('app'), undefined), false);
  });

  it('rejects malformed selectors', () => {
    for (const bad of ['app=we b', '=x', 'a b', 'app in (x']) assert.throws(() => parseLabelSelector(bad), SelectorError, bad);
  });

  it('property: k=v matches exactly the label maps whose k is v, and k!=v is its negation', () => {
    const token = fc.stringMatching(/^[a-z0-9]([a-z0-9.-]{0,8}[a-z0-9])?$/);
    fc.assert(
      fc.property(token, token, fc.dictionary(token, token), (k, v, l) => {
        assert.equal(m(`${k}=${v}`, l), l[k] === v);
        assert.equal(m(`${k}!=${v}`, l), !m(`${k}=${v}`, l));
        assert.equal(m(`${k} in (${v})`, l), m(`${k}=${v}`, l));
        assert.equal(m(`!${k}`, l), !m(k, l));
      }),
    );
  });
});

describe('field selectors', () => {
  const pod = { metadata: { name: 'p', namespace: 'ns1' }, spec: { nodeName: 'lab-node1' }, status: { phase: 'Running' } };
  it('matches metadata.name, metadata.namespace, spec.nodeName, status.phase with = and !=', () => {
    const f = (sel: string): boolean => matchFields(parseFieldSelector(sel), pod);
    assert.equal(f('metadata.name=p'), true);
    assert.equal(f('metadata.namespace==ns1,spec.nodeName=lab-node1'), true);
    assert.equal(f('spec.nodeName!=lab-node1'), false);
    assert.equal(f('status.phase=Pending'), false);
    assert.equal(f('spec.nodeName='), false);
    assert.equal(matchFields(parseFieldSelector('spec.nodeName='), { metadata: { name: 'u' }, spec: {} }), true, 'unbound pods have an empty nodeName');
  });

  it('supports involvedObject.* for events and rejects unknown paths', () => {
    const ev = { metadata: { name: 'e' }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'ns1', uid: 'u1' }, source: { component: 'multus' } };
    const reqs = parseFieldSelector('involvedObject.name=p,involvedObject.namespace=ns1,involvedObject.uid=u1,involvedObject.kind=Pod,source=multus');
    checkFieldPaths('Event', reqs);
    assert.equal(matchFields(reqs, ev), true);
    assert.throws(() => checkFieldPaths('Pod', parseFieldSelector('spec.containers=x')), /field label not supported/);
    assert.throws(() => checkFieldPaths('NetworkAttachmentDefinition', parseFieldSelector('spec.config=x')), /field label not supported/);
  });
});
