#!/usr/bin/env bash
# Fetches the knowledge benchmark's corpora from the OS package archive, without installing anything:
#   python3.11-doc  the Python 3.11 documentation (HTML, ~480 pages of manual) - the retrieval benchmark's corpus
#   git-doc         the Git manual (HTML, ~240 pages, ~430k words: about 1,000 printed pages) - the ingestion benchmark
# Usage: fetch-corpus.sh DIR   (prints DIR's two html roots; idempotent)
set -euo pipefail
dir="${1:?usage: fetch-corpus.sh DIR}"
mkdir -p "$dir"
cd "$dir"
fetch() {
  local package="$1" marker="$2"
  if [ -e "$marker" ]; then return; fi
  rm -f "${package}"_*.deb
  # apt-get download needs no root; as root it warns that the _apt sandbox can't write here, which is harmless.
  apt-get download "$package" >/dev/null 2>&1 || { apt-get update >/dev/null 2>&1 || true; apt-get download "$package" >/dev/null; }
  dpkg-deb -x "${package}"_*.deb extracted
  rm -f "${package}"_*.deb
}
fetch python3.11-doc extracted/usr/share/doc/python3.11/html/index.html
fetch git-doc extracted/usr/share/doc/git-doc/git.html
echo "$dir/extracted/usr/share/doc/python3.11/html"
echo "$dir/extracted/usr/share/doc/git-doc"
