import os from 'node:os';
import path from 'node:path';

/**
 * The folder the web app and the worker share for files in flight (staged HR files). The launcher
 * points it into its data folder; elsewhere set GATEHOUSE_DATA_DIR to a folder both can reach.
 */
export function defaultDataDir(): string {
  return process.env.GATEHOUSE_DATA_DIR || path.join(os.tmpdir(), 'gatehouse');
}
