import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ActionProcessOptions {
  /** The bundled entry (`dist/check.js` or the test bundle). */
  script: string;
  /** The action's metadata: its inputs' defaults are passed as the runner passes them. */
  actionYml: string;
  workspace: string;
  /** `with:` values, by input name. */
  inputs?: Record<string, string>;
  /** What `${{ github.token }}` evaluates to; `''` for none. */
  token?: string;
  apiUrl?: string;
  eventName?: string;
  /** The event payload written to GITHUB_EVENT_PATH. */
  event?: unknown;
  sha?: string;
  env?: Record<string, string>;
}

export interface ActionProcessRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** What the step wrote to GITHUB_OUTPUT. */
  outputs: Record<string, string>;
  /** What it wrote to GITHUB_STEP_SUMMARY. */
  summary: string;
  runnerTemp: string;
  seconds: number;
}

/** The runner's variable for an input: `INPUT_` + name upper-cased, spaces to `_` (hyphens kept). */
export function inputVariable(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

/** Parses GITHUB_OUTPUT's `name<<DELIMITER\nvalue\nDELIMITER` records (and plain `name=value` lines). */
export function parseOutputFile(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2] as string, i + 1);
      outputs[heredoc[1] as string] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('='))
      outputs[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return outputs;
}

/**
 * Runs an action's bundle with `node`, as the runner does: every input (its `with:` value, else its
 * default from action.yml) as `INPUT_<NAME>`, the event payload at GITHUB_EVENT_PATH, GITHUB_OUTPUT and
 * GITHUB_STEP_SUMMARY files, GITHUB_WORKSPACE as the working folder, RUNNER_TEMP, and GITHUB_API_URL.
 */
export async function runActionProcess(options: ActionProcessOptions): Promise<ActionProcessRun> {
  const runner = mkdtempSync(join(tmpdir(), 'kubeproof-runner-'));
  const runnerTemp = join(runner, 'temp');
  mkdirSync(runnerTemp);
  const files = {
    event: join(runner, 'event.json'),
    output: join(runner, 'output'),
    summary: join(runner, 'summary.md'),
  };
  writeFileSync(files.event, JSON.stringify(options.event ?? {}));
  writeFileSync(files.output, '');
  writeFileSync(files.summary, '');
  const token = options.token ?? 'ghs_test-token';
  const metadata = parse(readFileSync(options.actionYml, 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  const inputs: Record<string, string> = {};
  for (const [name, input] of Object.entries(metadata.inputs)) {
    const value = options.inputs?.[name] ?? String(input.default ?? '');
    inputs[inputVariable(name)] = value.replace('${{ github.token }}', token);
  }
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? runner,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName ?? 'pull_request',
    GITHUB_EVENT_PATH: files.event,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: 'acme/gitops',
    GITHUB_SHA: options.sha ?? 'c0ffee0000000000000000000000000000000000',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '7',
    GITHUB_RUN_ATTEMPT: '1',
    RUNNER_TEMP: runnerTemp,
    ...(options.apiUrl
      ? { GITHUB_API_URL: options.apiUrl, GITHUB_GRAPHQL_URL: `${options.apiUrl}/graphql` }
      : {}),
    ...inputs,
    ...options.env,
  };
  const started = performance.now();
  const result = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve, reject) => {
      const child = spawn(process.execPath, [options.script], {
        cwd: options.workspace,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const outputs = parseOutputFile(readFileSync(files.output, 'utf8'));
  const summary = readFileSync(files.summary, 'utf8');
  rmSync(files.event);
  return { ...result, outputs, summary, runnerTemp, seconds };
}
