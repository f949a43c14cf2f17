// The failing tests of a node:test TAP report, with where they failed and why, so that run-tests can repeat them
// last: a CI log is often cut to its tail, and the spec reporter's own failure list sits before the other
// groups' output. Tests cancelled because their parent failed, and suites that failed only because a subtest did,
// add nothing and are left out.

const NOISE = new Set(['cancelledByParent', 'subtestsFailed']);

/** YAML single-quoted scalar, as node:test writes it: doubled quotes inside. */
function unquote(value) {
  return value.startsWith("'") && value.endsWith("'") ? value.slice(1, -1).replaceAll("''", "'") : value;
}

/**
 * @param {string} tap
 * @returns {{ name: string, location: string, failureType: string, error: string, stack: string, durationMs: number }[]}
 */
export function failuresFromTap(tap) {
  const lines = tap.split('\n');
  const failures = [];
  /** Subtest names by nesting level, from `# Subtest:` lines. */
  const path = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const subtest = /^(\s*)# Subtest: (.*)$/.exec(line);
    if (subtest) {
      const level = (subtest[1] ?? '').length / 4;
      path.length = level;
      path[level] = subtest[2] ?? '';
      continue;
    }
    const notOk = /^(\s*)not ok \d+ - (.*?)(?: # .*)?$/.exec(line);
    if (!notOk) continue;
    const indent = (notOk[1] ?? '').length;
    const level = indent / 4;
    const name = [...path.slice(0, level), notOk[2] ?? ''].join(' > ');
    const field = ' '.repeat(indent + 2);
    const fields = {};
    if (lines[i + 1] !== `${field}---`) continue;
    for (i += 2; i < lines.length && lines[i] !== `${field}...`; i++) {
      const entry = new RegExp(`^${field}(\\w+): (.*)$`).exec(lines[i] ?? '');
      if (!entry) continue;
      const [, key = '', value = ''] = entry;
      if (value === '|-') {
        const block = [];
        const inner = `${field}  `;
        while ((lines[i + 1] ?? '').startsWith(inner)) {
          i++;
          block.push((lines[i] ?? '').slice(inner.length));
        }
        fields[key] = block.join('\n').trimEnd();
      } else fields[key] = unquote(value);
    }
    const failureType = fields.failureType ?? '';
    if (NOISE.has(failureType)) continue;
    failures.push({
      name,
      location: fields.location ?? '',
      failureType,
      error: fields.error ?? '',
      stack: fields.stack ?? '',
      durationMs: Number(fields.duration_ms ?? Number.NaN),
    });
  }
  return failures;
}

/**
 * The failures as a short text: each test's name, location (relative to root) and the first lines of its error.
 * @param {ReturnType<typeof failuresFromTap>} failures
 * @param {string} root
 */
export function formatFailures(failures, root, maxErrorLines = 25) {
  const out = [];
  const relativeTo = (path) => (path.startsWith(root) ? path.slice(root.length) : path);
  for (const failure of failures) {
    const where = relativeTo(failure.location);
    const after = Number.isFinite(failure.durationMs)
      ? ` after ${(failure.durationMs / 1000).toFixed(1)} s`
      : '';
    out.push(
      `✖ ${failure.name}${where ? ` (${where})` : ''}${failure.failureType === 'hookFailed' ? ' [a hook failed]' : ''}${after}`,
    );
    const errorLines = failure.error.split('\n');
    for (const line of errorLines.slice(0, maxErrorLines)) out.push(`    ${line}`);
    if (errorLines.length > maxErrorLines) out.push(`    … ${errorLines.length - maxErrorLines} more lines`);
    const frame = ownFrame(failure.stack, root);
    if (frame !== undefined) out.push(`    at ${frame}`);
  }
  return out.join('\n');
}

/**
 * The innermost stack frame in the project's own code (not node_modules), relative to root: the line that
 * failed, which the test's location (where it was declared) does not say.
 */
function ownFrame(stack, root) {
  for (const line of stack.split('\n')) {
    const at = /\(?(?:file:\/\/)?(\/[^()\s]+:\d+:\d+)\)?\s*$/.exec(line);
    const path = at?.[1];
    if (path?.startsWith(root) && !path.includes('/node_modules/')) return path.slice(root.length);
  }
  return undefined;
}
