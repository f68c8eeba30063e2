/**
 * Just enough of the Kubernetes protobuf encoding for what kubectl's typed clients send in that form
 * (`kubectl create namespace`, `kubectl create serviceaccount`): the "k8s\0" envelope (runtime.Unknown)
 * and the ObjectMeta fields name, generateName, namespace, labels and annotations. Anything else in
 * protobuf is answered 415, and clients fall back to or are told to use JSON.
 */
export const PROTOBUF_TYPE = 'application/vnd.kubernetes.protobuf';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export class ProtobufError extends Error {}

interface Field {
  no: number;
  wire: number;
  bytes?: Buffer;
  varint?: number;
}

function readVarint(buf: Buffer, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= buf.length) throw new ProtobufError('truncated varint');
    const b = buf[pos++]!;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7;
    if (shift > 63) throw new ProtobufError('varint too long');
  }
}

function fields(buf: Buffer): Field[] {
  const out: Field[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const [tag, p1] = readVarint(buf, pos);
    pos = p1;
    const no = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) {
      const [v, p2] = readVarint(buf, pos);
      out.push({ no, wire, varint: v });
      pos = p2;
    } else if (wire === 2) {
      const [len, p2] = readVarint(buf, pos);
      if (p2 + len > buf.length) throw new ProtobufError('truncated field');
      out.push({ no, wire, bytes: buf.subarray(p2, p2 + len) });
      pos = p2 + len;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw new ProtobufError(`unsupported wire type ${wire}`);
  }
  return out;
}

const str = (f: Field | undefined): string | undefined => f?.bytes?.toString('utf8');

function map(fs: Field[], no: number): Record<string, string> | undefined {
  const entries = fs.filter((f) => f.no === no && f.bytes);
  if (entries.length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const e of entries) {
    const kv = fields(e.bytes!);
    out[str(kv.find((f) => f.no === 1)) ?? ''] = str(kv.find((f) => f.no === 2)) ?? '';
  }
  return out;
}

function objectMeta(buf: Buffer): Record<string, unknown> {
  const fs = fields(buf);
  const meta: Record<string, unknown> = {};
  const name = str(fs.find((f) => f.no === 1));
  const generateName = str(fs.find((f) => f.no === 2));
  const namespace = str(fs.find((f) => f.no === 3));
  if (name) meta.name = name;
  if (generateName) meta.generateName = generateName;
  if (namespace) meta.namespace = namespace;
  const labels = map(fs, 11);
  const annotations = map(fs, 12);
  if (labels) meta.labels = labels;
  if (annotations) meta.annotations = annotations;
  return meta;
}

const KINDS = new Set(['Namespace', 'ServiceAccount']);

/** Decodes a protobuf request body into the JSON object it stands for. */
export function decodeProtobufObject(body: Buffer): Record<string, unknown> {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw new ProtobufError('not a Kubernetes protobuf message');
  const unknown = fields(body.subarray(4));
  const typeMeta = fields(unknown.find((f) => f.no === 1)?.bytes ?? Buffer.alloc(0));
  const apiVersion = str(typeMeta.find((f) => f.no === 1)) ?? '';
  const kind = str(typeMeta.find((f) => f.no === 2)) ?? '';
  if (!KINDS.has(kind)) throw new ProtobufError(`protobuf bodies are accepted only for ${[...KINDS].join(' and ')}, not ${kind || 'this kind'}; send JSON`);
  const raw = unknown.find((f) => f.no === 2)?.bytes ?? Buffer.alloc(0);
  const metaField = fields(raw).find((f) => f.no === 1);
  return { apiVersion, kind, metadata: metaField?.bytes ? objectMeta(metaField.bytes) : {} };
}
