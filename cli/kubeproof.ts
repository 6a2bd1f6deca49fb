#!/usr/bin/env node
import { availableParallelism } from 'node:os';
import { KubeproofError } from '../core/errors.ts';
import { runValidateWorker } from '../platform/validate-worker.ts';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { ParentMessage, WorkerStart } from '../platform/validate-in-workers.ts';
import { main } from './main.ts';

// Entry file: wire the process to the command and hold the one try/catch (docs/architecture.md, convention 1).
// The same bundle is the script of the validation worker threads (`-n`).
const start = workerData as WorkerStart | undefined;
if (!isMainThread && parentPort && start?.type === 'start') {
  const port = parentPort;
  runValidateWorker({
    send: (message) => port.postMessage(message),
    onMessage(listener) {
      port.on('message', (message: ParentMessage) => listener(message));
      listener(start);
    },
  });
} else {
  try {
    const code = await main(process.argv.slice(2), {
      stdout: (text) => process.stdout.write(text),
      stderr: (text) => process.stderr.write(text),
      stdin: process.stdin,
      stdinIsTTY: process.stdin.isTTY === true,
      env: process.env,
      cwd: process.cwd(),
      now: () => performance.now(),
      workerScript: new URL(import.meta.url),
      cpus: availableParallelism(),
    });
    process.exitCode = code;
  } catch (error) {
    const message =
      error instanceof KubeproofError
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    process.stderr.write(`kubeproof: ${message}\n`);
    process.exitCode = 1;
  }
}
