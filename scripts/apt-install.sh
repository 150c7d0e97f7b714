#!/usr/bin/env bash
# Installs Debian packages, refreshing the package lists once when they are missing or stale.
set -euo pipefail
sudo=$([ "$(id -u)" = 0 ] || echo sudo)
if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -mmin -1440 2>/dev/null | head -n 1)" ]; then
  $sudo apt-get update -qq
fi
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"
