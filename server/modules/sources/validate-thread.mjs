// The entry of a validation thread (validate-in-thread.ts). Plain JavaScript: on Node 20,
// `node --import tsx` registers tsx's loader for the main thread only, so a worker thread loads
// its TypeScript through tsx's tsImport.
import { parentPort } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const { serveValidations } = await tsImport('./validate-thread.ts', import.meta.url);
serveValidations(parentPort);
