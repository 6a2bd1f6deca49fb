/** A command written in a comment: `/kubeproof recheck`, `/kubeproof promote <env> [image...] [--to T] [--tag V]`. */
export type AppCommand =
  | { command: 'recheck' }
  | { command: 'promote'; from: string; to?: string; images: string[]; tag?: string }
  | { command: 'invalid'; message: string };

export const COMMAND_USAGE =
  '`/kubeproof recheck` checks the pull request again; `/kubeproof promote <env> [image ...] [--to <env>] [--tag <version>]` opens or updates the pull request promoting `<env>` to the next environment (or `--to`).';

/** Words of a line, `"quoted words"` kept together. */
function words(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2] ?? '');
}

function promote(args: string[]): AppCommand {
  const positional: string[] = [];
  const flags: { to?: string; tag?: string } = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    const flag = /^--(to|tag)(?:=(.*))?$/.exec(arg);
    if (flag) {
      const value = flag[2] ?? args[++i];
      if (value === undefined || value === '')
        return { command: 'invalid', message: `\`--${flag[1]}\` needs a value` };
      flags[flag[1] as 'to' | 'tag'] = value;
    } else if (arg.startsWith('--')) return { command: 'invalid', message: `unknown option \`${arg}\`` };
    else positional.push(arg);
  }
  const [from, ...images] = positional;
  if (from === undefined)
    return { command: 'invalid', message: 'say which environment to promote: `/kubeproof promote staging`' };
  if (flags.tag !== undefined && images.length !== 1)
    return {
      command: 'invalid',
      message: '`--tag` sets the version of one image: name it, `/kubeproof promote staging web --tag 1.4.2`',
    };
  return { command: 'promote', from, images, ...flags };
}

/**
 * The command of a comment, from its first line that starts with `/kubeproof`; undefined when the
 * comment holds none (most comments: they are not for kubeproof).
 */
export function parseAppCommand(body: string): AppCommand | undefined {
  const line = body
    .split(/\r?\n/)
    .map((text) => text.trim())
    .find((text) => /^\/kubeproof(\s|$)/.test(text));
  if (line === undefined) return undefined;
  const [, name, ...args] = words(line);
  if (name === 'recheck' && args.length === 0) return { command: 'recheck' };
  if (name === 'promote') return promote(args);
  return {
    command: 'invalid',
    message: name === undefined ? 'the command is missing' : `\`${line}\` is not a command kubeproof knows`,
  };
}
