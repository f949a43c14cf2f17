/**
 * Whether a process id names a live process: lock and slot files record their holder's pid, and a file whose
 * holder is gone (a killed run) may be taken over. EPERM means the process exists but belongs to another user.
 */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
