import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { decodeProtobufObject, ProtobufError } from '../../../src/lab/apiserver/protobuf.js';

function varint(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n) b |= 0x80;
    out.push(b);
  } while (n);
  return out;
}
const field = (no: number, bytes: Buffer | string): Buffer => {
  const b = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  return Buffer.concat([Buffer.from([...varint((no << 3) | 2), ...varint(b.length)]), b]);
};
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

function namespaceMessage(kind: string): Buffer {
  const meta = Buffer.concat([field(1, 'team-a'), field(11, Buffer.concat([field(1, 'env'), field(2, 'dev')]))]);
  const raw = field(1, meta);
  return Buffer.concat([MAGIC, field(1, Buffer.concat([field(1, 'v1'), field(2, kind)])), field(2, raw), field(4, 'application/vnd.kubernetes.protobuf')]);
}

describe('Kubernetes protobuf bodies', () => {
  it('decodes a Namespace (name and labels) from the k8s envelope', () => {
    assert.deepEqual(decodeProtobufObject(namespaceMessage('Namespace')), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { env: 'dev' } } });
  });

  it('refuses other kinds and non-envelopes with a ProtobufError', () => {
    assert.throws(() => decodeProtobufObject(namespaceMessage('Pod')), /accepted only for Namespace and ServiceAccount/);
    assert.throws(() => decodeProtobufObject(Buffer.from('{"kind":"Namespace"}')), ProtobufError);
  });

  it('property: arbitrary bytes after the magic never crash the decoder with anything but a ProtobufError', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          decodeProtobufObject(Buffer.concat([MAGIC, Buffer.from(bytes)]));
        } catch (err) {
          assert.ok(err instanceof ProtobufError, String(err));
        }
      }),
    );
  });
});
