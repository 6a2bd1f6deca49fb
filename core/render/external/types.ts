/**
 * Inputs and outputs of the external render engines (kustomize, kubectl, helm binaries).
 */
import type { Finding } from '../../findings.ts';
import type { FileSource } from '../../files/file-source.ts';
import type { ProcessRunner } from './process-runner.ts';

/** The binaries kubeproof can call. */
export type ExternalTool = 'kustomize' | 'kubectl' | 'helm';

/** What one environment rendered to. */
export interface ExternalRenderResult {
  /** The environment's name. */
  environment: string;
  /** The multi-document YAML the binary printed; absent when the environment was not rendered. */
  yaml?: string;
  /** Problems of this environment (a failed build, warnings the binary printed). */
  findings: Finding[];
  /** Set when the environment was not rendered because this tool is not installed. */
  missingTool?: ExternalTool;
}

/** The results of a list of environments, and findings about the run as a whole. */
export interface ExternalRenderBatch {
  /** One per environment, in the order given. */
  results: ExternalRenderResult[];
  /** One finding per missing tool, naming the environments it left unrendered. */
  findings: Finding[];
}

export interface ExternalRenderDeps {
  runner: ProcessRunner;
  /** Folder of the checked-out repository on disk; repository paths are joined to it for the binaries. */
  repoRoot: string;
  /** The same repository's files, read to name the file a finding is about. */
  files: FileSource;
  /** Command names or paths of the tools (default: the tool's name, looked up on PATH). */
  commands?: Partial<Record<ExternalTool, string>>;
  /** Per process (default 300 000 ms: remote kustomize bases may be cloned). */
  timeoutMs?: number;
  /** Variables for every process (for example HELM_CACHE_HOME), on top of the runner's environment. */
  env?: Record<string, string>;
  /** How many processes run at once (default 4). */
  concurrency?: number;
}

export const DEFAULT_TIMEOUT_MS = 300_000;
