/**
 * What crash_service runs: `target` is 'pid1' (PID 1 of the container) or the exact comm name of a process.
 * The `sh -lc` script of contract §10. The comm name is passed as $1, never spliced into the script, so any
 * name is safe. /proc/<pid>/comm holds at most 15 characters of the name. The message is printed before the
 * signal: once PID 1 is gone the kernel kills every process of the container, this shell included.
 */
export function crashCommand(target: string): string[] {
  if (target === 'pid1') return ['sh', '-lc', 'echo "sending TERM to pid 1"; kill -TERM 1'];
  const script = [
    'for p in /proc/[0-9]*; do',
    '  if [ "$(cat "$p/comm" 2>/dev/null)" = "$1" ]; then',
    '    echo "sending TERM to $1 (pid ${p#/proc/})"; kill -TERM "${p#/proc/}"; exit $?;',
    '  fi;',
    'done;',
    'echo "no process named $1 in this container" >&2; exit 1',
  ].join('\n');
  return ['sh', '-lc', script, 'sh', target];
}
