/**
 * `authorizer` in admission CEL asks the API server's authorizer about the requesting user
 * (https://kubernetes.io/docs/reference/using-api/cel/#kubernetes-authorizer-library). Offline there
 * is no user and no authorizer: the builder functions type-check, and a decision throws
 * `AuthorizerUnavailable`, which the evaluator reports as "not checked", never as a pass.
 */
import type { Environment } from '@marcbachmann/cel-js';

/** Thrown when an expression needs the authorizer's answer. */
export class AuthorizerUnavailable extends Error {
  override readonly name = 'AuthorizerUnavailable';
  constructor() {
    super('authorizer needs the API server and the requesting user: it cannot be evaluated offline');
  }
}

class Authorizer {}
class ResourceCheck {}
class PathCheck {}

const unavailable = (): never => {
  throw new AuthorizerUnavailable();
};
const resourceCheck = (): ResourceCheck => new ResourceCheck();

/** Registers the `authorizer` variable's type and its functions. */
export function registerAuthorizer(env: Environment): void {
  env
    .registerType('Authorizer', Authorizer)
    .registerType('ResourceCheck', ResourceCheck)
    .registerType('PathCheck', PathCheck)
    .registerType('AuthorizationDecision', class AuthorizationDecision {})
    .registerVariable('authorizer', 'Authorizer')
    .registerFunction('Authorizer.group(string): ResourceCheck', resourceCheck)
    .registerFunction('Authorizer.serviceAccount(string, string): Authorizer', () => new Authorizer())
    .registerFunction('Authorizer.path(string): PathCheck', () => new PathCheck())
    .registerFunction('PathCheck.check(string): AuthorizationDecision', unavailable);
  for (const builder of ['resource', 'subresource', 'namespace', 'name', 'fieldSelector', 'labelSelector'])
    env.registerFunction(`ResourceCheck.${builder}(string): ResourceCheck`, resourceCheck);
  env
    .registerFunction('ResourceCheck.check(string): AuthorizationDecision', unavailable)
    .registerFunction('AuthorizationDecision.allowed(): bool', unavailable)
    .registerFunction('AuthorizationDecision.reason(): string', unavailable)
    .registerFunction('AuthorizationDecision.errored(): bool', unavailable)
    .registerFunction('AuthorizationDecision.error(): string', unavailable);
}

/** A fresh authorizer value for the evaluation context. */
export function offlineAuthorizer(): Authorizer {
  return new Authorizer();
}
