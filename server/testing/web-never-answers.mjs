// A web process that takes every connection and never answers on it, run by the launcher in place of
// the Next.js CLI (`--web-bin`, the same `start -p PORT -H HOST` arguments): its health check can only
// time out, so scripts/start.int.test.ts sees what the launcher says and does then.
import net from 'node:net';

const argv = process.argv.slice(2);
const port = Number(argv[argv.indexOf('-p') + 1]);
const host = argv[argv.indexOf('-H') + 1];
const held = [];
net.createServer((socket) => held.push(socket)).listen(port, host);
