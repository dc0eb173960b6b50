import { publicRoute } from '@/lib/api/guard';
import { displaySessionQuerySchema } from '@/lib/api/query';
import { clientAddress } from '@/lib/auth/access';

export const dynamic = 'force-dynamic';

const redirect = (location: string, cookie?: string) =>
  new Response(null, { status: 303, headers: { location, 'cache-control': 'no-store', 'referrer-policy': 'no-referrer', ...(cookie ? { 'set-cookie': cookie } : {}) } });

// GET /api/display-session?key=…&next=/tv?… – a TV trades its display key for a display session and
// goes on to its display, the key gone from its address bar; a bad key ends on the sign-in page
export const GET = publicRoute(async ({ request, runtime }) => {
  const parsed = displaySessionQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const { actor } = await runtime.access.actorOf(request.headers);
  const result = await runtime.displayPairing.pair(
    parsed.success ? parsed.data.key : null,
    { address: clientAddress(request.headers), userAgent: request.headers.get('user-agent') },
    actor,
  );
  if (result.kind === 'refused') return redirect(`/login?display=${result.reason === 'signed_in' ? 'signed-in' : result.reason}`);
  return redirect(parsed.success ? parsed.data.next : '/tv', runtime.access.cookieFor(result.cookie, result.maxAgeSeconds, request.headers));
});
