/**
 * Compiles a catalogue pattern: `/re/flags` or a bare pattern. `g` and `y` are dropped (they make `test`
 * stateful). Throws an Error naming the pattern and the problem.
 */
export function compilePattern(pattern: string, extraFlags = ''): RegExp {
  const slashed = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  const source = slashed ? (slashed[1] as string) : pattern;
  const flags = new Set([...(slashed ? (slashed[2] as string) : ''), ...extraFlags]);
  flags.delete('g');
  flags.delete('y');
  try {
    return new RegExp(source, [...flags].join(''));
  } catch (error) {
    throw new Error(`invalid regular expression ${pattern}: ${(error as Error).message}`);
  }
}
