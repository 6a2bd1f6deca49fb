import type { IncomingMessage, ServerResponse } from 'node:http';

/** `GET /healthz` answers 200 for load balancers; anything else goes on to the next handler. */
export function healthz(request: IncomingMessage, response: ServerResponse): boolean {
  const path = (request.url ?? '').split('?')[0];
  if (path !== '/healthz' || (request.method !== 'GET' && request.method !== 'HEAD')) return false;
  response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok\n');
  return true;
}
