# One image for every thidua service; docker-compose.yml picks the program per service.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app /app
# The gateway's file store (FILES_DIR); a named volume mounted here keeps this owner.
RUN mkdir -p /var/lib/thidua/files && chown node:node /var/lib/thidua/files
USER node
EXPOSE 4000 4001 4002 4003
CMD ["node", "services/gateway/dist/index.js"]
