/** What a command needs from the process, passed in so commands run the same in tests and for real. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  stdin?: NodeJS.ReadableStream;
  stdinIsTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  now(): number;
  /** The script a worker thread runs (the bundled CLI itself); without it everything runs in one thread. */
  workerScript?: string | URL;
  /** How many CPUs the machine offers (`os.availableParallelism()`). */
  cpus?: number;
  /** Waits between HTTP retries; tests replace it so they do not wait. */
  sleep?: (ms: number) => Promise<void>;
}
