import { describe, expect, it } from 'vitest';
import { headerReader, isLoopbackRequest, listensOnLoopbackOnly } from './demo-mode.ts';

describe('a request addressed to loopback', () => {
  it.each([
    ['localhost with a port', { host: 'localhost:3000' }, true],
    ['127.0.0.1', { host: '127.0.0.1:3201' }, true],
    ['anywhere in 127/8', { host: '127.1.2.3' }, true],
    ['IPv6 loopback', { host: '[::1]:3000' }, true],
    ['LOCALHOST in capitals', { host: 'LOCALHOST' }, true],
    ['no Host header', {}, false],
    ['a public name', { host: 'gatehouse.acme.example' }, false],
    ['a LAN address', { host: '192.168.1.20:3000' }, false],
    ['0.0.0.0', { host: '0.0.0.0:3000' }, false],
    ['a name that only starts like loopback', { host: 'localhost.acme.example' }, false],
    ['127.0.0.1 as a subdomain', { host: '127.0.0.1.nip.io' }, false],
    ['garbage', { host: 'exa mple' }, false],
    [
      'a proxy forwarding a public host',
      { host: 'localhost:3000', 'x-forwarded-host': 'gatehouse.acme.example' },
      false,
    ],
    ['a proxy forwarding loopback', { host: 'localhost:3000', 'x-forwarded-host': 'localhost:8080' }, true],
    [
      'RFC 7239 Forwarded with a public host',
      { host: '127.0.0.1:3000', forwarded: 'for=203.0.113.9;host=gatehouse.acme.example;proto=https' },
      false,
    ],
    [
      'RFC 7239 Forwarded with a loopback host',
      { host: '127.0.0.1:3000', forwarded: 'for=127.0.0.1;host="localhost:3000"' },
      true,
    ],
  ])('%s', (_what, headers, expected) => {
    expect(isLoopbackRequest(headerReader(headers))).toBe(expected);
    expect(isLoopbackRequest(headerReader(new Headers(headers)))).toBe(expected);
  });
});

describe('a server that listens on loopback only', () => {
  it.each([
    ['127.0.0.1', true],
    ['::1', true],
    ['localhost', true],
    [undefined, false],
    ['', false],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
  ])('GATEHOUSE_LISTEN_HOST=%s: %s', (host, expected) => {
    expect(listensOnLoopbackOnly(host)).toBe(expected);
  });
});
