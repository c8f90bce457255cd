# One image for every thidua service; docker-compose.yml picks the program per service.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
# Build with every dependency, then keep only what the services run: no dev tools, and no optional
# dependencies. The one optional dependency at run time is packages/stack's embedded Postgres, which
# an image never starts (docker-compose.yml runs its own Postgres and sets DATABASE_URL), so no
# Postgres binaries end up in the image.
RUN npm ci --no-audit --no-fund && npm run build && npm prune --omit=dev --omit=optional --no-audit --no-fund \
  && mkdir -p /var/lib/thidua/files

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app /app
# The gateway's file store (FILES_DIR), made in the build stage; a named volume mounted here keeps this owner.
COPY --from=build --chown=node:node /var/lib/thidua/files /var/lib/thidua/files
USER node
EXPOSE 4000 4001 4002 4003
CMD ["node", "--single-threaded-gc", "services/gateway/dist/index.js"]
