import fs from 'node:fs';

/**
 * Whether process `pid` holds a listening TCP socket on `port`, read from Linux's /proc: the socket
 * tables give the listener's inode, the process's open files name the sockets it holds. null where
 * /proc does not say (another system, or the process's open files are not ours to read): the caller
 * can only check that something listens.
 *
 * "Something accepts connections on the port" is not enough for a server just started: when the port
 * was taken by another process first, the new server exits, and a connection reaches the other one.
 */
export function holdsListeningPort(pid: number, port: number): boolean | null {
  const tables = ['/proc/net/tcp', '/proc/net/tcp6'].filter((file) => fs.existsSync(file));
  if (!tables.length) return null;
  const inodes = new Set<string>();
  for (const table of tables) {
    for (const line of fs.readFileSync(table, 'utf8').split('\n').slice(1)) {
      // sl local_address rem_address st tx_queue:rx_queue tr:when retrnsmt uid timeout inode
      const [, local, , state, , , , , , inode] = line.trim().split(/\s+/);
      if (state === LISTEN && local && Number.parseInt(local.split(':')[1] ?? '', 16) === port && inode)
        inodes.add(inode);
    }
  }
  if (!inodes.size) return false;
  let fds: string[];
  try {
    fds = fs.readdirSync(`/proc/${pid}/fd`);
  } catch {
    // Gone means exited; alive but its open files hidden (a hardened /proc, a sandbox) means /proc
    // cannot say, and "exited" would have the caller start another server beside a live one.
    return fs.existsSync(`/proc/${pid}`) ? null : false;
  }
  return fds.some((fd) => {
    try {
      return inodes.has(/^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1] ?? '');
    } catch {
      return false; // closed meanwhile
    }
  });
}

/** TCP_LISTEN in /proc/net/tcp's `st` column. */
const LISTEN = '0A';
