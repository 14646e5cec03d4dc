// CPU accounting for a benchmark run: the server process's own CPU time, the CPU time of the
// PostgreSQL backends serving it, and the whole machine's busy and steal time (/proc, Linux; absent
// elsewhere). CPU time per request is steadier than requests per second on a shared, noisy
// machine: it does not depend on how much of the machine the neighbours leave us.
import { readFileSync } from 'node:fs';

/** Kernel clock ticks per second (getconf CLK_TCK); 100 on Linux for x86 and arm. */
const ticksPerSecond = 100;

type MachineTicks = { busy: number; steal: number; total: number };

function machineTicks(): MachineTicks | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    // cpu user nice system idle iowait irq softirq steal guest guest_nice
    const [user, nice, system, idle, iowait, irq, softirq, steal] = line
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number) as number[];
    const busy = user! + nice! + system! + irq! + softirq!;
    return { busy, steal: steal ?? 0, total: busy + idle! + iowait! + (steal ?? 0) };
  } catch {
    return null;
  }
}

/** User + system CPU time of a process in microseconds, or null when it is gone (or not Linux). */
function processCpuMicros(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces), from field 3 on: utime is 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / ticksPerSecond) * 1e6;
  } catch {
    return null;
  }
}

export type CpuReport = {
  /** Server process CPU time over wall time, in % of one core. */
  serverPercent: number;
  serverMicros: number;
  /** CPU time of the database backends (PostgreSQL); null for PGlite, which runs in the server. */
  databaseMicros: number | null;
  /** Machine busy time (all cores), in % of one core: 200% is two saturated cores. */
  machineBusyPercent: number | null;
  /** Time the hypervisor gave to others, in % of one core. */
  machineStealPercent: number | null;
};

/**
 * Starts counting; the returned function stops and reports. databasePids lists the backends
 * serving the benchmark's database at the moment (asked at the start and at the end).
 */
export async function startCpuMeter(
  cores: number,
  databasePids: (() => Promise<number[]>) | null,
): Promise<() => Promise<CpuReport>> {
  const backendsAtStart = new Map<number, number>();
  for (const pid of (await databasePids?.()) ?? []) {
    const micros = processCpuMicros(pid);
    if (micros !== null) backendsAtStart.set(pid, micros);
  }
  const startedAt = performance.now();
  const process0 = process.cpuUsage();
  const machine0 = machineTicks();
  return async () => {
    const wallMicros = (performance.now() - startedAt) * 1000;
    const used = process.cpuUsage(process0);
    const machine1 = machineTicks();
    let databaseMicros: number | null = null;
    if (databasePids) {
      databaseMicros = 0;
      for (const pid of await databasePids()) {
        const micros = processCpuMicros(pid);
        // A backend the pool opened during the run counts from zero.
        if (micros !== null) databaseMicros += micros - (backendsAtStart.get(pid) ?? 0);
      }
    }
    const share = (part: number, whole: number) => (whole > 0 ? (part / whole) * 100 * cores : 0);
    return {
      serverPercent: ((used.user + used.system) / wallMicros) * 100,
      serverMicros: used.user + used.system,
      databaseMicros,
      machineBusyPercent:
        machine0 && machine1 ? share(machine1.busy - machine0.busy, machine1.total - machine0.total) : null,
      machineStealPercent:
        machine0 && machine1 ? share(machine1.steal - machine0.steal, machine1.total - machine0.total) : null,
    };
  };
}
