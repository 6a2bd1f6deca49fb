/**
 * Base class of the operational faults kubeproof throws (a bad flag, an unreadable cache folder).
 * Problems in the user's manifests are never thrown: they are `Finding`s.
 */
export class KubeproofError extends Error {
  override name = 'KubeproofError';
}

/** A command-line flag or action input has a value kubeproof cannot use. */
export class UsageError extends KubeproofError {
  override name = 'UsageError';
}
