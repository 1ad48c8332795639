#!/usr/bin/env bash
# Refreshes the JavaScript files Vern vendors from the npm packages pinned in
# scripts/vendor/package-lock.json. Needs Node.js and the npm registry, but only
# when a pin changes: Vern serves the copies and never runs Node.js.
#   socket.io-client -> bot/web/static/vendor/   (the widget's transport, served by Vern)
#   axe-core         -> tests/support/vendor/    (the accessibility check injected by the browser tests)
#   rasa-webchat     -> tests/support/vendor/    (the standard Rasa widget the browser tests drive against Vern;
#                                                 its lib/index.js is the standalone build, React included)
set -euo pipefail
cd "$(dirname "$0")/vendor"
npm ci --ignore-scripts --no-audit --no-fund
mkdir -p ../../bot/web/static/vendor ../../tests/support/vendor
cp node_modules/socket.io-client/dist/socket.io.min.js ../../bot/web/static/vendor/socket.io.min.js
cp node_modules/socket.io-client/LICENSE ../../bot/web/static/vendor/socket.io-client.LICENSE
cp node_modules/axe-core/axe.min.js ../../tests/support/vendor/axe.min.js
cp node_modules/axe-core/LICENSE ../../tests/support/vendor/axe-core.LICENSE
cp node_modules/rasa-webchat/lib/index.js ../../tests/support/vendor/rasa-webchat.js
cp node_modules/rasa-webchat/LICENSE ../../tests/support/vendor/rasa-webchat.LICENSE
echo "vendored socket.io-client $(node -p 'require("./node_modules/socket.io-client/package.json").version')," \
     "axe-core $(node -p 'require("./node_modules/axe-core/package.json").version')" \
     "and rasa-webchat $(node -p 'require("./node_modules/rasa-webchat/package.json").version')"
