// Runs once when the server starts, before it takes requests: a wrong configuration stops the
// start with a clear message, and the first refresh begins so the first viewer finds data.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { startServer } = await import('./lib/startup');
  await startServer();
}
