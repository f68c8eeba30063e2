/**
 * /openapi/v2, which kubectl downloads for client-side validation (`kubectl apply`/`create`). The
 * lab publishes no schemas: an empty document (the empty protobuf message, or `{}` paths in JSON)
 * makes kubectl skip schema validation of every kind, as it does for a CRD without a schema.
 * /openapi/v3 stays 404, so kubectl falls back to v2.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendJson } from './http.js';

const PROTOBUF = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

export function sendOpenApiV2(req: IncomingMessage, res: ServerResponse): void {
  if ((req.headers.accept ?? '').includes(PROTOBUF)) {
    res.writeHead(200, { 'Content-Type': 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf', 'Content-Length': 0 });
    res.end();
    return;
  }
  sendJson(res, 200, { swagger: '2.0', info: { title: 'Kubernetes', version: 'v1.32.0' }, paths: {}, definitions: {} });
}
