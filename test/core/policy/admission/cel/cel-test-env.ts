import { admissionEnvironment } from '../../../../../core/policy/admission/cel/admission-environment.ts';
import { offlineAuthorizer } from '../../../../../core/policy/admission/cel/authorizer.ts';

const env = admissionEnvironment();

/** Compiles and evaluates one expression as an admission policy would, with `object` given. */
export function celEval(expression: string, object: unknown = {}): unknown {
  const program = env.parse(expression);
  const checked = program.check();
  if (!checked.valid) throw checked.error;
  return program({ object, authorizer: offlineAuthorizer() });
}

/** The message of the error an expression raises, or 'no error'. */
export function celErrorOf(expression: string, object: unknown = {}): string {
  try {
    celEval(expression, object);
    return 'no error';
  } catch (error) {
    return (error as { summary?: string; message: string }).summary ?? (error as Error).message;
  }
}
