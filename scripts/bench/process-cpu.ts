import fs from 'node:fs';

/** CPU seconds so far: this process (Node), the PostgreSQL cluster, and optionally another server (slapd). */
export type TCpu = { node: number; pg: number; other: number };

const CLOCK_TICKS = 100;

/**
 * CPU used so far by this process, by the cluster's processes (the postmaster with the children it has
 * waited for, and its live children: the backends) and by `otherPid` (with its threads). On a shared
 * machine a run's wall time moves with the load; the CPU its processes used moves far less.
 */
export function cpuNow(pgPid: number, otherPid?: number): TCpu {
  let pg = 0;
  let other = 0;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      if (pid === pgPid) pg += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      else if (Number(f[1]) === pgPid) pg += Number(f[11]) + Number(f[12]);
      else if (pid === otherPid) other += Number(f[11]) + Number(f[12]);
    } catch {
      // A process that ended while being read.
    }
  }
  const own = process.cpuUsage();
  return { node: (own.user + own.system) / 1e6, pg: pg / CLOCK_TICKS, other: other / CLOCK_TICKS };
}

/** CPU seconds used since `before`. */
export function cpuSince(before: TCpu, pgPid: number, otherPid?: number): TCpu {
  const now = cpuNow(pgPid, otherPid);
  return { node: now.node - before.node, pg: now.pg - before.pg, other: now.other - before.other };
}
