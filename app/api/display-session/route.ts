import { publicRoute } from '@/lib/api/guard';
import { displaySessionQuerySchema } from '@/lib/api/query';
import { clientAddress } from '@/lib/auth/access';
import { hashDisplayKey, keyUsableFrom } from '@/lib/auth/display-keys';

export const dynamic = 'force-dynamic';

const redirect = (location: string, cookie?: string) =>
  new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', ...(cookie ? { 'set-cookie': cookie } : {}) } });

// GET /api/display-session?key=…&next=/tv?… – a TV trades its display key for a display session and
// goes on to its display, the key gone from its address bar; a bad key ends on the sign-in page
export const GET = publicRoute(async ({ request, runtime }) => {
  const { auth } = runtime;
  const parsed = displaySessionQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const record = parsed.success ? runtime.storage.findDisplayKeyByHash(hashDisplayKey(parsed.data.key)) : null;
  const verdict = record ? keyUsableFrom(record, clientAddress(request.headers)) : 'revoked';
  if (!parsed.success || !record || verdict !== 'ok') {
    auth.audit('display_refused', { name: record?.label ?? null, role: 'display' }, verdict === 'address' ? 'address not allowed' : 'unknown or revoked key', request.headers);
    return redirect(`/login?display=${verdict === 'address' ? 'address' : 'refused'}`);
  }
  auth.audit('display_paired', { name: record.label, role: 'display' }, record.id, request.headers);
  const now = auth.now();
  const cookie = auth.cookieFor({ name: record.label, role: 'display', displayKeyId: record.id, issuedAtMs: now, seenAtMs: now }, request.headers);
  return redirect(parsed.data.next, cookie);
});
