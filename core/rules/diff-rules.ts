import type { RuleEntry } from './rule-entry.ts';

/** The rules of comparing an environment's base with its head. */
export const DIFF_RULES = {
  'diff-duplicate-resource': {
    group: 'diff',
    defaultSeverity: 'warning',
    description: 'A resource is rendered more than once, so the diff compares the last one.',
    help: 'Keep one definition of the resource in the environment: kubectl apply would keep only the last.',
  },
  'diff-environment-added': {
    group: 'diff',
    defaultSeverity: 'notice',
    description: 'The environment is new: every resource is added.',
    help: 'Nothing to fix: review its resources as additions.',
  },
  'diff-environment-removed': {
    group: 'diff',
    defaultSeverity: 'notice',
    description: 'The environment was removed: every resource is removed.',
    help: 'Nothing to fix if the removal is intended: its resources are deleted when the change is applied.',
  },
} as const satisfies Record<string, RuleEntry>;
