/**
 * Plotly draws on the main thread, synchronously, so the page draws one figure per task (a
 * macrotask yield before each), never several in one long task.
 */
let queue: Promise<unknown> = Promise.resolve();

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export function enqueueDraw<T>(draw: () => Promise<T>): Promise<T> {
  const next = queue.then(nextTask).then(draw);
  queue = next.catch(() => undefined);
  return next;
}
