import type { PromotionCommand } from './prepare-promotion.ts';

/** A flag's value as a shell reads it: bare when it is plain, else single-quoted. */
function quoted(value: string): string {
  return /^[\w./:@+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The `kubeproof bump|promote` command that makes the same plan, for a promotion pull request's
 * description: a reviewer can run it with `--dry-run` to see the change.
 */
export function promotionCommandLine(request: PromotionCommand): string {
  const flags: string[] = [];
  const add = (flag: string, value: string | undefined): void => {
    if (value !== undefined) flags.push(`--${flag} ${quoted(value)}`);
  };
  if (request.command === 'bump') {
    add('env', request.env);
    add('image', request.image);
    add('tag', request.tag);
  } else {
    add('from', request.from);
    add('to', request.to);
    add('app', request.app);
    for (const image of request.images) add('image', image);
    add('tag', request.tag);
  }
  add('digest', request.digest);
  return `kubeproof ${request.command} ${flags.join(' ')}`;
}
