// A short two-note chime made with the Web Audio API: no sound file to ship or to load. Browsers
// keep audio suspended until the person has interacted with the page (the autoplay policy); a
// kiosk browser can be started to allow it (Chromium: --autoplay-policy=no-user-gesture-required).

type AudioContextConstructor = new () => AudioContext;

let shared: AudioContext | null = null;

function audioContextClass(): AudioContextConstructor | null {
  if (typeof window === 'undefined') return null;
  const scope = window as unknown as { AudioContext?: AudioContextConstructor; webkitAudioContext?: AudioContextConstructor };
  return scope.AudioContext ?? scope.webkitAudioContext ?? null;
}

/** The page's one audio context, made on first use; null where the browser has no Web Audio. */
export function audioContext(): AudioContext | null {
  if (shared) return shared;
  const Context = audioContextClass();
  if (!Context) return null;
  try {
    shared = new Context();
  } catch {
    return null;
  }
  return shared;
}

/**
 * Whether the page may play sound now. Asks the browser to start audio first: that works inside a
 * click, or always in a browser told to allow autoplay; otherwise the context stays suspended.
 */
export async function audioAllowed(): Promise<boolean> {
  const context = audioContext();
  if (!context) return false;
  if (context.state !== 'running') {
    // resume() may never settle while the browser blocks audio: don't wait for it for long.
    await Promise.race([context.resume().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 300))]);
  }
  return context.state === 'running';
}

/** The two notes (Hz), their start (s) and length (s). */
export const CHIME_NOTES = [
  { frequency: 880, start: 0, length: 0.35 },
  { frequency: 1318.5, start: 0.18, length: 0.5 },
] as const;

/** Plays the chime; does nothing while audio is not allowed (no error, no queued sound later). */
export function playChime(context: AudioContext | null = audioContext()): boolean {
  if (!context || context.state !== 'running') return false;
  const now = context.currentTime;
  const master = context.createGain();
  master.gain.value = 0.25;
  master.connect(context.destination);
  for (const note of CHIME_NOTES) {
    const oscillator = context.createOscillator();
    const envelope = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = note.frequency;
    const from = now + note.start;
    // A quick rise and a soft exponential fall: a bell, not a beep.
    envelope.gain.setValueAtTime(0.0001, from);
    envelope.gain.exponentialRampToValueAtTime(1, from + 0.02);
    envelope.gain.exponentialRampToValueAtTime(0.0001, from + note.length);
    oscillator.connect(envelope);
    envelope.connect(master);
    oscillator.start(from);
    oscillator.stop(from + note.length + 0.05);
  }
  return true;
}
