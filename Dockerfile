# syntax=docker/dockerfile:1
# chatload as an image: `docker build -t chatload .`, then see docker-compose.yml for two instances
# behind a reverse proxy with Redis and PostgreSQL. The runtime stage holds the built app and its
# production dependencies only, runs as the unprivileged `node` user, and stops cleanly on SIGTERM
# (requests in flight finish, then the runtime closes; well within Docker's 10 s).

ARG NODE_IMAGE=node:20-bookworm-slim

# 1. Every dependency, from the lock file. better-sqlite3 is native: a compiler in case no prebuilt
#    binary fits.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund

# 2. The production build (type-checked by next build), then the dev dependencies dropped.
FROM deps AS build
ENV NEXT_TELEMETRY_DISABLED=1
COPY . .
RUN npm run build \
  && rm -rf .next/cache \
  && npm prune --omit=dev --no-audit --no-fund

# 3. What `node scripts/serve.mjs` (and `npm start`) reads at run time: the build, the production
#    node_modules, next.config.js and what it requires (scripts/build-sources.cjs, package.json), and
#    the plain-JavaScript HTTP front of lib/http.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    NEXT_TELEMETRY_DISABLED=1 \
    PORT=3000 \
    HOST=0.0.0.0 \
    DATA_DIR=/app/data
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json /app/next.config.js /app/tsconfig.json ./
COPY --from=build /app/scripts/serve.mjs /app/scripts/start.mjs /app/scripts/build-sources.cjs /app/scripts/build-sources.d.cts ./scripts/
COPY --from=build /app/lib/http/front.mjs /app/lib/http/shutdown.mjs ./lib/http/
COPY --from=build /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/.next ./.next
# SQLite (one instance without DATABASE_URL) and the generated session secret live here: a volume.
RUN mkdir -p /app/data && chown node:node /app/data
VOLUME ["/app/data"]
USER node
EXPOSE 3000
STOPSIGNAL SIGTERM
# No curl in a slim image: node asks. 200 is ok or degraded; 503 is down (no data from wamm.chat yet).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/api/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
# serve.mjs directly, not `npm start`: an image never rebuilds, and node as PID 1 gets SIGTERM itself.
CMD ["node", "scripts/serve.mjs"]
