import { Worker } from 'node:worker_threads';
import type { Finding } from '../core/findings.ts';
import { splitDocuments } from '../core/manifests/split-documents.ts';
import { type InputCrdSchema, registerInputCrds } from '../core/validate/input-crds.ts';
import type { ValidationResult } from '../core/validate/result.ts';
import { validateText } from '../core/validate/validate-text.ts';
import {
  createDocumentContext,
  finishRun,
  inputCrds,
  prepareInputs,
  type ValidateDeps,
  type ManifestInput,
  type PreparedInput,
  type ValidateOptions,
  type ValidationRun,
} from '../core/validate/validate-manifests.ts';
import type { SchemaSetup } from './validation-setup.ts';

/** What a worker is started with. */
export interface WorkerStart {
  type: 'start';
  setup: SchemaSetup;
  options: ValidateOptions;
  crds: InputCrdSchema[];
}

/** A batch of texts for one worker: whole small files, or a run of documents of a large one. */
export interface WorkUnit {
  id: number;
  pieces: { inputIndex: number; path: string; text: string; firstLine: number }[];
}

export type ParentMessage = WorkerStart | { type: 'unit'; unit: WorkUnit };

export type WorkerMessage =
  | { type: 'ready'; crdFindings: Finding[] }
  | { type: 'done'; id: number; results: string; notices: string[] }
  | { type: 'failed'; message: string };

// About 400 small Deployments: large enough that messaging is cheap, small enough to balance.
const UNIT_BYTES = 256 * 1024;

/** Cuts the inputs into units at document boundaries, keeping line numbers. */
export function planUnits(prepared: readonly PreparedInput[]): WorkUnit[] {
  const units: WorkUnit[] = [];
  let current: WorkUnit = { id: 0, pieces: [] };
  let size = 0;
  const flush = (): void => {
    if (current.pieces.length === 0) return;
    units.push(current);
    current = { id: units.length, pieces: [] };
    size = 0;
  };
  for (const [inputIndex, input] of prepared.entries()) {
    if (!('text' in input)) continue;
    const { text, path } = input;
    if (text.length <= UNIT_BYTES) {
      current.pieces.push({ inputIndex, path, text, firstLine: 1 });
      size += text.length;
      if (size >= UNIT_BYTES) flush();
      continue;
    }
    flush();
    const spans = splitDocuments(text);
    let first = 0;
    for (let i = 0; i < spans.length; i++) {
      const start = spans[first]?.start ?? 0;
      const end = (spans[i] as { end: number }).end;
      if (end - start >= UNIT_BYTES || i === spans.length - 1) {
        current.pieces.push({
          inputIndex,
          path,
          text: text.slice(start, end),
          firstLine: (spans[first] as { line: number }).line,
        });
        flush();
        first = i + 1;
      }
    }
  }
  flush();
  return units;
}

/**
 * Validates in parallel (kubeconform's `-n`): the main thread decodes the inputs, finds the CRDs
 * and cuts the work into units; it then validates units itself while `threads - 1` worker threads,
 * each with its own schema registry, take units as they come. Results are put back in input
 * order, so the output is the same as with one thread. (Measured on the 2-core machine: about 10%
 * faster on 100,000 Deployments; two threads of one process slow each other down on this
 * allocation-heavy work, and worker processes did worse because of the IPC copies.)
 */
export async function validateInWorkers(
  inputs: readonly ManifestInput[],
  options: ValidateOptions,
  setup: SchemaSetup,
  run: { workerScript: string | URL; threads: number; deps: ValidateDeps; notice(message: string): void },
): Promise<ValidationRun> {
  const prepared = prepareInputs(inputs);
  const crds = inputCrds(prepared, options);
  const crdFindings: Finding[] = [...crds.findings, ...(await registerInputCrds(crds.schemas, run.deps))];
  const context = createDocumentContext(options, run.deps.registry);
  const units = planUnits(prepared);
  const perUnit: ValidationResult[][][] = new Array(units.length);
  const seenNotices = new Set<string>();
  const start: WorkerStart = { type: 'start', setup, options, crds: crds.schemas };
  const workers: Worker[] = [];
  let next = 0;
  let failure: Error | undefined;
  let outstanding = 0;
  let wake: (() => void) | undefined;
  const signal = (): void => {
    wake?.();
    wake = undefined;
  };

  const feed = (worker: Worker): void => {
    if (failure || next >= units.length) return;
    outstanding++;
    worker.postMessage({ type: 'unit', unit: units[next++] as WorkUnit } satisfies ParentMessage);
  };
  for (let t = 1; t < Math.min(run.threads, units.length); t++) {
    // A young generation larger than V8's default keeps the allocation-heavy parsing out of
    // frequent scavenges (measured: about 10% faster on 100,000 Deployments).
    const worker = new Worker(run.workerScript, {
      workerData: start,
      resourceLimits: { maxYoungGenerationSizeMb: 128 },
    });
    workers.push(worker);
    worker.on('error', (error) => {
      failure = error;
      signal();
    });
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'failed') failure = new Error(message.message);
      else if (message.type === 'ready') return feed(worker);
      else {
        outstanding--;
        perUnit[message.id] = JSON.parse(message.results) as ValidationResult[][];
        for (const notice of message.notices) {
          if (!seenNotices.has(notice)) {
            seenNotices.add(notice);
            run.notice(notice);
          }
        }
        feed(worker);
      }
      signal();
    });
  }

  try {
    // The main thread is a worker too: it takes the next unit whenever it is free.
    while (next < units.length && !failure) {
      const id = next++;
      const unit = units[id] as WorkUnit;
      const results: ValidationResult[][] = [];
      for (const piece of unit.pieces)
        results.push((await validateText(piece.path, piece.text, piece.firstLine, context)).results);
      perUnit[id] = results;
      // Let the workers' messages in before taking the next unit.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    while (outstanding > 0 && !failure) await new Promise<void>((resolve) => (wake = resolve));
  } finally {
    for (const worker of workers) void worker.terminate();
  }
  if (failure) throw failure;

  const perInput: ValidationResult[][] = prepared.map((input) => ('failure' in input ? [input.failure] : []));
  for (const [u, unit] of units.entries()) {
    for (const [p, piece] of unit.pieces.entries()) {
      for (const result of perUnit[u]?.[p] ?? [])
        (perInput[piece.inputIndex] as ValidationResult[]).push(result);
    }
  }
  return finishRun(prepared, perInput, crdFindings, false);
}
