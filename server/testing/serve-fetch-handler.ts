import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';

export type TServedHandler = { url: string; close: () => Promise<void> };

/**
 * Serves a Fetch-API handler (Request → Response) over real HTTP on 127.0.0.1, as a route handler is
 * served by Next.js: tests and benchmarks talk to it with any HTTP client.
 */
export async function serveFetchHandler(
  handler: (request: Request) => Promise<Response>,
): Promise<TServedHandler> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        for (const value of Array.isArray(v) ? v : v === undefined ? [] : [v]) headers.append(k, value);
      }
      const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
      const { port } = server.address() as AddressInfo;
      const response = await handler(
        new Request(`http://127.0.0.1:${port}${req.url}`, {
          method: req.method,
          headers,
          // Streamed, as Next.js hands a route its body: the handler decides how much it reads.
          body: hasBody ? (Readable.toWeb(req) as ReadableStream<Uint8Array>) : undefined,
          duplex: 'half',
        } as RequestInit),
      );
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
