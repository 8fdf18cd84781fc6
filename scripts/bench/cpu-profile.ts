import fs from 'node:fs';
import { Session } from 'node:inspector/promises';
import path from 'node:path';

/** A V8 CPU profile of this process from now until stop(file) (read it with Chrome's DevTools or a script). */
export async function startProfile() {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    stop: async (file: string) => {
      const { profile } = await session.post('Profiler.stop');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
