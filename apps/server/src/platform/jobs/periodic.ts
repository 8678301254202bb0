/**
 * Runs `task` every `ms` milliseconds (never two at once; a failure waits for the next turn) and returns
 * a stop function. `ms <= 0` runs nothing: tests drive jobs by hand.
 */
export function every(ms: number, task: () => Promise<unknown>): () => void {
  if (!ms || ms <= 0) return () => {};
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await task();
    } catch {
      // the next turn tries again
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, ms);
  timer.unref();
  return () => clearInterval(timer);
}
