// A small round-robin reverse proxy on loopback, in front of several app servers (the fleet drill,
// docs/fleet.md). It does what a real proxy (HAProxy, nginx) in front of Passend must do, no more:
// - It reads the whole request body before choosing a server (nginx's proxy_request_buffering), so
//   a request can be sent again.
// - It opens a new connection per request (no pooled upstream connections), so a server that is
//   gone shows as a refused connection, never as a request written into a dead pooled socket.
// - It sends a request to the next server only when the connection was refused: then nothing was
//   sent and the request cannot have run. A connection reset after the request was sent is answered
//   502 and NOT retried: the server may have committed a write (a child created, a document stored)
//   before it died, and sending the POST again would do it twice. HAProxy's `retry-on conn-failure`
//   and nginx's `proxy_next_upstream error` for requests not yet sent make the same distinction.
// - A refused server is left out for a while (a passive health check); /api/health is the path an
//   active check would ask.
// Every answer carries `x-drill-upstream` (which server answered) and a 502 of its own also
// `x-drill-proxy-error` (the socket error), so the drill can tell who failed a request.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Proxy = {
  url: string;
  /** Requests sent again to another server after a refused connection. */
  retriedAfterRefusal(): number;
  close(): Promise<void>;
};

const hopByHop = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection'];

export async function startProxy(upstreams: string[], options: { downForMs?: number } = {}): Promise<Proxy> {
  let next = 0;
  let retried = 0;
  const downUntil = new Map<string, number>();
  const server = http.createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of request) chunks.push(chunk as Buffer);
    } catch {
      return; // the client went away before its request was complete
    }
    const body = Buffer.concat(chunks);
    const tried = new Set<string>();
    const headers = Object.fromEntries(
      Object.entries(request.headers).filter(([k]) => !hopByHop.includes(k)),
    );
    headers['x-forwarded-for'] = request.socket.remoteAddress ?? '127.0.0.1';
    const send = () => {
      const candidates = upstreams.filter((u) => !tried.has(u));
      const up = candidates.filter((u) => (downUntil.get(u) ?? 0) <= Date.now());
      const pool = up.length > 0 ? up : candidates;
      if (pool.length === 0) return answer502('none', 'ECONNREFUSED');
      const upstream = pool[next++ % pool.length]!;
      tried.add(upstream);
      const outgoing = http.request(`${upstream}${request.url}`, {
        method: request.method,
        headers,
        agent: false,
      });
      outgoing.on('response', (answer) => {
        const answerHeaders = Object.fromEntries(
          Object.entries(answer.headers).filter(([k]) => !hopByHop.includes(k)),
        );
        response.writeHead(answer.statusCode ?? 502, { ...answerHeaders, 'x-drill-upstream': upstream });
        answer.pipe(response);
        // The server died while its answer was on its way: the client sees a cut-off answer.
        answer.on('aborted', () => response.destroy());
        answer.on('error', () => response.destroy());
      });
      outgoing.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'ECONNREFUSED') {
          downUntil.set(upstream, Date.now() + (options.downForMs ?? 2_000));
          retried++;
          return send(); // nothing was sent: safe to send to another server
        }
        if (response.headersSent) response.destroy();
        else answer502(upstream, error.code ?? 'error');
      });
      outgoing.end(body);
    };
    const answer502 = (upstream: string, problem: string) => {
      response.writeHead(502, {
        'content-type': 'application/json',
        'x-drill-upstream': upstream,
        'x-drill-proxy-error': problem,
      });
      response.end(JSON.stringify({ error: { code: 'bad_gateway', message: `upstream ${problem}` } }));
    };
    send();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    retriedAfterRefusal: () => retried,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
