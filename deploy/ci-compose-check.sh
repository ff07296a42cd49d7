#!/usr/bin/env bash
# CI step for docker-compose.yml (called from .ci/run): Debian's docker-compose validates the file
# without a Docker engine, which CI machines do not have.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
apt-get update
apt-get install -y --no-install-recommends docker-compose
docker-compose -f docker-compose.yml config -q
