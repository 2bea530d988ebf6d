# Rapport: multi-stage image. Build: docker build -t rapport .   Run: see compose.yaml.
# Stages: build (full install, esbuild to dist/), deps (production install, pruned), runtime (Node,
# fonts, the compiled tree, an unprivileged user). No compiler, tsx or Prisma CLI at run time.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json prisma.config.ts ./
COPY prisma ./prisma
# postinstall generates the Prisma client into src/generated (compiled with the rest below).
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts ./scripts
COPY src ./src
RUN npm run build

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/prune-production.mjs ./scripts/
# --ignore-scripts: the only install script is Rapport's own `prisma generate`, already done in build.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && node scripts/prune-production.mjs \
 && npm cache clean --force

FROM node:20-bookworm-slim AS runtime
# Charts render Latin and CJK text with fonts shipped in node_modules; the system fonts are the
# fallback for every other script (and what resvg's system font lookup finds).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-dejavu-core fonts-noto-cjk \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    RAPPORT_DATA_DIR=/var/lib/rapport \
    RAPPORT_OPS_HOST=0.0.0.0 \
    RAPPORT_OPS_PORT=9464 \
    PORT=3000 \
    RAPPORT_DRAIN_SECONDS=5
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY prisma/migrations ./prisma/migrations
# The image's own user "node" (uid 1000); the embedded database lives in the volume.
RUN mkdir -p /var/lib/rapport && chown node:node /var/lib/rapport
USER node
VOLUME ["/var/lib/rapport"]
EXPOSE 3000 9464
# Liveness only: readiness (/readyz) belongs to the load balancer, and a first start on a new
# embedded database takes a while, hence the start period.
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.RAPPORT_OPS_PORT || 9464) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# --server: no console on the container's stdin; serves the configured platforms, digests and the
# ops endpoints. Stop with SIGTERM (docker stop): /readyz turns 503, RAPPORT_DRAIN_SECONDS pass,
# commands in flight finish, exit 0. Give docker stop more than that (-t 45).
STOPSIGNAL SIGTERM
CMD ["node", "bin/rapport.mjs", "start", "--server"]
