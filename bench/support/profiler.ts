// CPU profiles of the server process for chosen stretches of a benchmark (the measured runs of one
// endpoint), written as .cpuprofile files that Chrome DevTools or `npx tsx bench/profileSummary.ts`
// read. Unlike `node --cpu-prof`, set-up and seeding stay out of the profile.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

export type Profiler = {
  /** Profiles `work` and appends its samples to the profile named `name`. */
  around<T>(name: string, work: () => Promise<T>): Promise<T>;
  /** Writes one file per name; answers the paths. */
  save(): Promise<string[]>;
};

type CpuProfile = {
  nodes: Array<{ id: number }>;
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
};

export async function startProfiler(folder: string): Promise<Profiler> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // 1 ms, as node --cpu-prof-interval 1000 would; fine enough for runs of seconds.
  await session.post('Profiler.setSamplingInterval', { interval: 1000 });
  const profiles = new Map<string, CpuProfile[]>();
  return {
    async around(name, work) {
      await session.post('Profiler.start');
      try {
        return await work();
      } finally {
        const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: CpuProfile };
        profiles.set(name, [...(profiles.get(name) ?? []), profile]);
      }
    },
    async save() {
      mkdirSync(folder, { recursive: true });
      const files: string[] = [];
      for (const [name, parts] of profiles) {
        parts.forEach((profile, index) => {
          const file = path.join(folder, `${name}-${index + 1}.cpuprofile`);
          writeFileSync(file, JSON.stringify(profile));
          files.push(file);
        });
      }
      await session.post('Profiler.disable');
      session.disconnect();
      return files;
    },
  };
}
