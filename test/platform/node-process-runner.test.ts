import { realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { createNodeProcessRunner, ProcessSpawnError } from '../../platform/node-process-runner.ts';

const node = process.execPath;
const cwd = tmpdir();

describe('createNodeProcessRunner', () => {
  const runner = createNodeProcessRunner();

  it('returns exit code, stdout and stderr', async () => {
    const script = 'process.stdout.write("out"); process.stderr.write("err"); process.exit(3)';
    expect(await runner.run(node, ['-e', script], { cwd })).toEqual({
      exitCode: 3,
      stdout: 'out',
      stderr: 'err',
    });
  });

  it('passes arguments without a shell and runs in cwd', async () => {
    const script = 'console.log(JSON.stringify([process.argv.slice(1), process.cwd()]))';
    const outcome = await runner.run(node, ['-e', script, '$HOME', 'a b', '; echo hi'], { cwd });
    expect(outcome).toMatchObject({ exitCode: 0 });
    const [args, dir] = JSON.parse('stdout' in outcome ? outcome.stdout : '[]') as [string[], string];
    expect(args).toEqual(['$HOME', 'a b', '; echo hi']);
    expect(realpathSync(dir)).toBe(realpathSync(cwd));
  });

  it('writes the input to stdin and closes it', async () => {
    const script =
      'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(s.toUpperCase()))';
    expect(await runner.run(node, ['-e', script], { cwd, input: 'values: 1\n' })).toEqual({
      exitCode: 0,
      stdout: 'VALUES: 1\n',
      stderr: '',
    });
  });

  it('gives an empty, closed stdin without input', async () => {
    const script =
      'let n=0;process.stdin.on("data",d=>n+=d.length).on("end",()=>process.stdout.write(String(n)))';
    expect(await runner.run(node, ['-e', script], { cwd })).toMatchObject({ exitCode: 0, stdout: '0' });
  });

  it('adds environment variables', async () => {
    const script = 'process.stdout.write(process.env.KP_TEST + ":" + (process.env.KP_BASE ?? "none"))';
    const withBase = createNodeProcessRunner({
      baseEnv: { KP_BASE: 'base', PATH: process.env['PATH'] ?? '' },
    });
    expect(await withBase.run(node, ['-e', script], { cwd, env: { KP_TEST: 'x' } })).toMatchObject({
      stdout: 'x:base',
    });
  });

  it('reports a binary that is not installed as notFound', async () => {
    expect(await runner.run('kubeproof-no-such-binary-4711', ['--version'], { cwd })).toEqual({
      notFound: true,
    });
  });

  it('throws a ProcessSpawnError when the working folder does not exist', async () => {
    await expect(
      runner.run(node, ['-e', ''], { cwd: `${cwd}/kubeproof-missing-folder-4711` }),
    ).rejects.toBeInstanceOf(ProcessSpawnError);
  });

  it('kills a process that runs past the timeout', async () => {
    const started = Date.now();
    const outcome = await runner.run(node, ['-e', 'process.stderr.write("busy");setInterval(()=>{},1000)'], {
      cwd,
      timeoutMs: 300,
    });
    expect(outcome).toMatchObject({ exitCode: -1, stdout: '', killed: 'timeout' });
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('kills a process whose stdout passes the size limit', async () => {
    const small = createNodeProcessRunner({ maxOutputBytes: 1024 });
    const script = 'const b="x".repeat(4096);(function w(){process.stdout.write(b, w)})()';
    expect(await small.run(node, ['-e', script], { cwd, timeoutMs: 50_000 })).toMatchObject({
      exitCode: -1,
      stdout: '',
      killed: 'output-limit',
    });
  });

  it('keeps stdout up to the limit', async () => {
    const small = createNodeProcessRunner({ maxOutputBytes: 4096 });
    const outcome = await small.run(node, ['-e', 'process.stdout.write("y".repeat(4096))'], { cwd });
    expect(outcome).toMatchObject({ exitCode: 0, stdout: 'y'.repeat(4096) });
  });

  it('is not troubled by a process that exits without reading its input', async () => {
    const outcome = await runner.run(node, ['-e', 'process.exit(0)'], {
      cwd,
      input: 'z'.repeat(1024 * 1024),
    });
    expect(outcome).toMatchObject({ exitCode: 0 });
  });
});
