#!/usr/bin/env bash
# Retrains Vigie's syntax models, models/syntax.fr.bin and models/syntax.en.bin, with `vigie train`
# from the UD treebanks in ../shared/data/nlp (see its SOURCES.md). `make models` runs it.
#   French:  Sequoia train + GSD dev (GSD train is not available), scored on Sequoia dev.
#   English: EWT train, scored on EWT dev. (GUM is CC BY-NC: never trained on.)
# Usage: scripts/train-syntax-models.sh VIGIE_BINARY [SHARED_NLP_DIR]
set -euo pipefail
vigie=${1:?usage: $0 VIGIE_BINARY [SHARED_NLP_DIR]}
nlp=${2:-$(dirname "$0")/../../shared/data/nlp}
repo=$(cd "$(dirname "$0")/.." && pwd)
if [[ ! -d $nlp ]]; then
  echo "train-syntax-models: $nlp not found (the treebanks are not shipped with Vigie)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The treebanks are stored xz-compressed when over 1 MB; vigie reads plain CoNLL-U.
for f in "$nlp"/ud_fr_sequoia/fr_sequoia-ud-train.conllu.xz "$nlp"/ud_fr_gsd/fr_gsd-ud-dev.conllu.xz \
         "$nlp"/ud_en_ewt/en_ewt-ud-train.conllu.xz "$nlp"/ud_en_ewt/en_ewt-ud-dev.conllu.xz; do
  xz -dc "$f" > "$work/$(basename "$f" .xz)"
done
cp "$nlp"/ud_fr_sequoia/fr_sequoia-ud-dev.conllu "$work/"
epochs=(--tagger-epochs 8 --parser-epochs 8)
# Each model is written beside its final name then renamed, so a running Vigie never reads half
# a file.
"$vigie" train --lang fr --train "$work/fr_sequoia-ud-train.conllu" --train "$work/fr_gsd-ud-dev.conllu" \
  --dev "$work/fr_sequoia-ud-dev.conllu" "${epochs[@]}" -o "$repo/models/syntax.fr.bin.new"
mv "$repo/models/syntax.fr.bin.new" "$repo/models/syntax.fr.bin"
"$vigie" train --lang en --train "$work/en_ewt-ud-train.conllu" --dev "$work/en_ewt-ud-dev.conllu" \
  "${epochs[@]}" -o "$repo/models/syntax.en.bin.new"
mv "$repo/models/syntax.en.bin.new" "$repo/models/syntax.en.bin"
