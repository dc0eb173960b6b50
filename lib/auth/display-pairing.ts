import type { AuditService } from '@/lib/audit/service';
import type { Actor } from './access';
import { keyUsableFrom, type DisplayKeyService } from './display-keys';
import type { AttemptGate } from './rate-limit';
import type { ClientFacts, SessionService } from './sessions';

// A wall display trades its key for a display session. Guessing keys is limited per address like
// sign-in, and a burst of refusals is one folded audit entry. A browser where a person is signed in
// keeps its session: a display link opened there by mistake does not silently sign the manager out.

export type PairingResult =
  | { kind: 'paired'; cookie: string; maxAgeSeconds: number }
  | { kind: 'refused'; reason: 'refused' | 'address' | 'limited' | 'signed_in' };

export class DisplayPairingService {
  constructor(
    private readonly deps: { displayKeys: DisplayKeyService; sessions: SessionService; audit: AuditService; limiter: AttemptGate },
  ) {}

  async pair(key: string | null, client: ClientFacts, signedIn: Actor | null): Promise<PairingResult> {
    const { displayKeys, sessions, audit, limiter } = this.deps;
    if (signedIn && signedIn.role !== 'display') return { kind: 'refused', reason: 'signed_in' };
    const { attempt } = await limiter.reserve(client.address);
    if (!attempt) {
      await audit.record('display_refused', { name: null, role: 'display' }, 'too many refused keys from this address', client.address);
      return { kind: 'refused', reason: 'limited' };
    }
    const record = key === null ? null : await displayKeys.findByKey(key).catch((error: unknown) => {
      attempt.release();
      throw error;
    });
    const verdict = record ? keyUsableFrom(record, client.address) : 'revoked';
    if (!record || verdict !== 'ok') {
      attempt.fail();
      await audit.record(
        'display_refused',
        { name: record?.label ?? null, role: 'display' },
        verdict === 'address' ? 'address not allowed' : 'unknown or revoked key',
        client.address,
      );
      return { kind: 'refused', reason: verdict === 'address' ? 'address' : 'refused' };
    }
    let started;
    try {
      started = await sessions.startDisplay(record, client);
    } catch (error) {
      attempt.release();
      throw error;
    }
    attempt.succeed();
    await audit.record('display_paired', { name: record.label, role: 'display' }, record.id, client.address);
    return { kind: 'paired', cookie: started.cookie, maxAgeSeconds: started.maxAgeSeconds };
  }
}
