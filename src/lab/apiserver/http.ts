/** Small HTTP helpers shared by the server's handlers: JSON bodies in and out, bearer auth. */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { decodeProtobufObject, PROTOBUF_TYPE, ProtobufError } from './protobuf.js';
import { ApiStatusError, statusObject } from './status.js';

const MAX_BODY = 16 * 1024 * 1024;

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), 'Cache-Control': 'no-cache, private' });
  res.end(text);
}

export function sendStatus(res: ServerResponse, err: ApiStatusError): void {
  sendJson(res, err.code, err.toStatus());
}

export function unauthorizedStatus(): Record<string, unknown> {
  return statusObject(401, 'Unauthorized', 'Unauthorized');
}

export async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new ApiStatusError(413, 'BadRequest', 'request entity too large');
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks);
  if ((req.headers['content-type'] ?? '').startsWith(PROTOBUF_TYPE)) {
    try {
      return decodeProtobufObject(raw);
    } catch (err) {
      if (err instanceof ProtobufError) throw new ApiStatusError(415, 'UnsupportedMediaType', err.message);
      throw err;
    }
  }
  const text = raw.toString('utf8').trim();
  if (text === '') return undefined;
  if ((req.headers['content-type'] ?? '').startsWith('application/apply-patch+yaml')) {
    const { parse } = await import('../../yaml/library.js');
    try {
      return parse(text) as unknown;
    } catch {
      throw new ApiStatusError(400, 'BadRequest', 'the request body is not valid YAML');
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiStatusError(400, 'BadRequest', 'the request body is not valid JSON');
  }
}

/** Constant-time check of an `Authorization: Bearer TOKEN` header. */
export function authorized(req: IncomingMessage, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) return false;
  const given = Buffer.from(m[1]!);
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}
