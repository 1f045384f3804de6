# One build, two images: `--target cms` and `--target site` (see docker-compose.yml).
FROM node:24-bookworm-slim AS build
ENV STRAPI_TELEMETRY_DISABLED=true ASTRO_TELEMETRY_DISABLED=1 CI=true
RUN npm install -g pnpm@12
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build

FROM node:24-bookworm-slim AS cms
ENV NODE_ENV=production STRAPI_TELEMETRY_DISABLED=true
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
WORKDIR /app/cms
EXPOSE 1337
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s CMD curl -fsS http://127.0.0.1:1337/_health || exit 1
CMD ["node", "node_modules/@strapi/strapi/bin/strapi.js", "start"]

FROM node:24-bookworm-slim AS site
ENV NODE_ENV=production HOST=0.0.0.0 PORT=4321
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app /app
WORKDIR /app/site
EXPOSE 4321
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s CMD curl -fsS http://127.0.0.1:4321/_health || exit 1
CMD ["node", "server.mjs"]
