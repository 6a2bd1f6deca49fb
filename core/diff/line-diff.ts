/**
 * Line diff: Myers' O(ND) shortest edit script (E. Myers, "An O(ND) Difference Algorithm and Its
 * Variations", 1986) over the lines between a common prefix and suffix. Past MAX_EDITS edits
 * (huge rewritten ConfigMaps) it stops searching and reports the middle as replaced: a correct,
 * if longer, diff in bounded time and memory.
 */

export type LineOp = { op: ' ' | '-' | '+'; line: string };

const MAX_EDITS = 2000;

function myers(a: readonly string[], b: readonly string[]): LineOp[] | undefined {
  const n = a.length;
  const m = b.length;
  const max = Math.min(n + m, MAX_EDITS);
  // v[k] for diagonals k = -d..d, stored at index k + max + 1; trace keeps the frontier of each d.
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let x = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(a, b, trace);
    }
  }
  return undefined;
}

function backtrack(a: readonly string[], b: readonly string[], trace: Int32Array[]): LineOp[] {
  const ops: LineOp[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d > 0; d--) {
    // trace[d] holds v[k] for k = -d-1..d+1 at index k + d + 1.
    const vd = trace[d] as Int32Array;
    const at = (k: number): number => vd[k + d + 1] as number;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ op: ' ', line: a[x] as string });
    }
    if (down) ops.push({ op: '+', line: b[--y] as string });
    else ops.push({ op: '-', line: a[--x] as string });
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    ops.push({ op: ' ', line: a[x] as string });
  }
  return ops.reverse();
}

/** Within each run of changed lines, removals before additions (as `diff -u` prints them). */
function removalsFirst(ops: LineOp[]): LineOp[] {
  const out: LineOp[] = [];
  let removed: LineOp[] = [];
  let added: LineOp[] = [];
  const flush = (): void => {
    out.push(...removed, ...added);
    removed = [];
    added = [];
  };
  for (const op of ops) {
    if (op.op === '-') removed.push(op);
    else if (op.op === '+') added.push(op);
    else {
      flush();
      out.push(op);
    }
  }
  flush();
  return out;
}

/** The edit script from `a` to `b`: kept (' '), removed ('-') and added ('+') lines. */
export function diffLines(a: readonly string[], b: readonly string[]): LineOp[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const middleA = a.slice(start, endA);
  const middleB = b.slice(start, endB);
  const middle = myers(middleA, middleB) ?? [
    ...middleA.map((line): LineOp => ({ op: '-', line })),
    ...middleB.map((line): LineOp => ({ op: '+', line })),
  ];
  const ops: LineOp[] = a.slice(0, start).map((line) => ({ op: ' ', line }));
  ops.push(...removalsFirst(middle));
  for (let i = endA; i < a.length; i++) ops.push({ op: ' ', line: a[i] as string });
  return ops;
}
