#!/usr/bin/env bash
# Installs every build, test and benchmark dependency of AcademicHub from Debian's packages.
# Idempotent: packages already present are skipped, so a warm machine pays only a dpkg query.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  libpugixml-dev libsimdjson-dev nlohmann-json3-dev libcurl4-openssl-dev
  libsqlite3-dev sqlite3 libfmt-dev libcli11-dev libtomlplusplus-dev libspdlog-dev libicu-dev
  libboost1.81-dev  # Beast and Asio (header-only): the HTTP server
  libcpp-httplib-dev libssl-dev zlib1g-dev libbrotli-dev  # httplib: the tests' client only
  libgtest-dev libgmock-dev libbenchmark-dev time chromium nodejs wrk libjemalloc-dev jq
  libstemmer-dev  # Snowball stemmers: the radar's and the briefing's terms
  liblinear-dev libfasttext-dev  # the radar's taste model and its word vectors
  # python3-sklearn (bench/ only) conflicts with libboost1.81-dev through python3-pythran:
  # bench/radar_eval/setup_peer.sh unpacks it beside the product instead.
  fonts-noto-cjk  # Chinese glyphs in the browser tests' screenshots (the UI's default language)
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing packages: ${missing[*]}; run as root (or with sudo)" >&2
    exit 1
  fi
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
