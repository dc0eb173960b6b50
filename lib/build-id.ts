// The build this code was compiled in: next.config.js inlines it into server and browser bundles
// alike. "dev" only where Next did not compile the code (unit tests).
export const BUILD_ID: string = process.env.NEXT_PUBLIC_CHATLOAD_BUILD_ID ?? 'dev';
