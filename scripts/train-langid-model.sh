#!/usr/bin/env bash
# Retrains Vigie's language model, models/langid.ftz (fastText fr / en / other, quantized), with
# `vigie train-langid`. `make models` runs it (about 20 s on one core).
#   French:  the text of UD Sequoia train + GSD dev (../shared/data/nlp; see its SOURCES.md).
#   English: the text of UD EWT train. (GUM and WikiNEuRal are non-commercial: never trained on;
#            the test files are never trained on: `vigie eval langid` scores on them.)
#   other:   translations in the gettext catalogues of Debian's essential packages coreutils,
#            dpkg, bash, tar, apt (/usr/share/locale; 29 languages; GPL-2+/GPL-3+), plus their
#            French translations (fr) and English originals (en).
# Single-threaded with a fixed seed: the same inputs rebuild the same bytes.
# Usage: scripts/train-langid-model.sh VIGIE_BINARY [SHARED_NLP_DIR]
set -euo pipefail
vigie=${1:?usage: $0 VIGIE_BINARY [SHARED_NLP_DIR]}
nlp=${2:-$(dirname "$0")/../../shared/data/nlp}
repo=$(cd "$(dirname "$0")/.." && pwd)
if [[ ! -d $nlp ]]; then
  echo "train-langid-model: $nlp not found (the treebanks are not shipped with Vigie)" >&2
  exit 1
fi
# vigie reads the xz-compressed treebanks itself; the model is written beside its final name
# and renamed, so a running Vigie never reads half a file.
"$vigie" train-langid \
  --fr "$nlp/ud_fr_sequoia/fr_sequoia-ud-train.conllu.xz" --fr "$nlp/ud_fr_gsd/fr_gsd-ud-dev.conllu.xz" \
  --en "$nlp/ud_en_ewt/en_ewt-ud-train.conllu.xz" --epochs 10 --seed 1 -o "$repo/models/langid.ftz"
