/** Loopback ports for tests that need "nothing listens here" (an unreachable API server). */
import { createServer } from 'node:net';

/** A 127.0.0.1 port that was free a moment ago and that nothing listens on now. */
export async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
