/** localhost, 127.0.0.0/8 and ::1: names that never leave the machine. */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** A Host header value (`name[:port]`, `[v6]:port`): loopback, or false when it does not parse. */
export function isLoopbackHost(host: string): boolean {
  try {
    return isLoopbackHostname(new URL(`http://${host.trim()}`).hostname);
  } catch {
    return false;
  }
}
