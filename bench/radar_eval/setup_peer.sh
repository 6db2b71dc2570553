#!/usr/bin/env bash
# Makes Debian's python3-sklearn runnable for the peer (peer.py, arxiv-sanity-lite's method) on a
# machine that also has libboost1.81-dev, and runs peer.py with it.
#
# Why not `apt-get install python3-sklearn`: it pulls python3-scipy -> python3-pythran ->
# libboost-dev (1.74), which conflicts with the libboost1.81-dev the server builds with. So the
# runtime dependencies that do not conflict are installed as usual, and python3-scipy,
# python3-sklearn and python3-sklearn-lib (Debian's own packages, same versions apt would
# install) are downloaded and unpacked with `dpkg -x` into bench/data/peer-python (git-ignored).
# scipy needs pythran only to build, never to import. The peer runs beside the product, never
# inside it: nothing here is linked or shipped.
#
# Usage:
#   bench/radar_eval/setup_peer.sh                 # install + unpack (idempotent) + import check
#   bench/radar_eval/setup_peer.sh -- ARGS...      # then run /usr/bin/python3 peer.py ARGS...
#   bench/radar_eval/setup_peer.sh --env           # print the PYTHONPATH line to eval
# Needs root for apt-get (the machines and CI run as root).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
debs="$repo/bench/data/peer-debs"
root="$repo/bench/data/peer-python"
python=/usr/bin/python3  # Debian's interpreter: the debs are built for its ABI (not pyenv's)
site="$root/usr/lib/python3/dist-packages"

runtime=(python3-numpy python3-joblib python3-threadpoolctl python3-decorator
         libblas3 liblapack3 libgfortran5 libgomp1 liblbfgsb0)
unpacked=(python3-scipy python3-sklearn python3-sklearn-lib)

install_runtime() {
  local missing=()
  for p in "${runtime[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup_peer: installing ${missing[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
      { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; }
  fi
}

unpack() {
  [ -f "$root/.complete" ] && return 0
  mkdir -p "$debs"
  rm -rf "$root"
  (cd "$debs" && { apt-get download "${unpacked[@]}" >/dev/null 2>&1 ||
                   { apt-get update -qq && apt-get download "${unpacked[@]}"; }; })
  for p in "${unpacked[@]}"; do
    # the newest downloaded version of each package
    local deb
    deb="$(ls -1 "$debs/${p}_"*.deb | sort -V | tail -n1)"
    dpkg -x "$deb" "$root"
  done
  touch "$root/.complete"
}

check() {
  PYTHONPATH="$site" "$python" -c \
    'import sklearn, scipy, numpy; from sklearn.svm import LinearSVC; from sklearn.feature_extraction.text import TfidfVectorizer; print("setup_peer: sklearn", sklearn.__version__, "scipy", scipy.__version__, "numpy", numpy.__version__, "from", sklearn.__file__)' >&2
}

if [ "${1:-}" = "--env" ]; then
  echo "PYTHONPATH=$site"
  exit 0
fi
install_runtime
unpack
check
if [ "${1:-}" = "--" ]; then
  shift
  PYTHONPATH="$site" OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}" exec "$python" "$here/peer.py" "$@"
fi
