/**
 * An HTTP layer for client-node's generated API clients that adds a per-request time limit and, under
 * --debug, one trace line per call (method, URL, status, ms). Credentials never reach the line:
 * headers are not printed and token-like query parameters are masked.
 */
import { IsomorphicFetchHttpLibrary, wrapHttpLibrary, type HttpLibrary, type RequestContext, type ResponseContext } from '@kubernetes/client-node';

export function redactUrl(url: string): string {
  return url.replace(/([?&](?:access_token|token|password)=)[^&]*/gi, '$1REDACTED');
}

export function tracingHttpLibrary(options: { timeoutMs?: number; trace?: (line: string) => void }): HttpLibrary {
  const inner = new IsomorphicFetchHttpLibrary();
  return wrapHttpLibrary({
    async send(request: RequestContext): Promise<ResponseContext> {
      if (options.timeoutMs && !request.getSignal()) request.setSignal(AbortSignal.timeout(options.timeoutMs));
      const trace = options.trace;
      if (!trace) return inner.send(request).toPromise();
      const started = performance.now();
      const what = `${request.getHttpMethod()} ${redactUrl(request.getUrl())}`;
      const ms = (): string => `${(performance.now() - started).toFixed(0)}ms`;
      try {
        const response = await inner.send(request).toPromise();
        trace(`api: ${what} ${response.httpStatusCode} ${ms()}`);
        return response;
      } catch (err) {
        trace(`api: ${what} failed (${err instanceof Error ? err.message : String(err)}) ${ms()}`);
        throw err;
      }
    },
  });
}
