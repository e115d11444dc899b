#!/usr/bin/env bash
# Retrains Vigie's syntax models, models/syntax.fr.bin and models/syntax.en.bin, with `vigie train`
# from the UD treebanks in ../shared/data/nlp (see its SOURCES.md). `make models` runs it.
#   French:  Sequoia train + GSD dev (GSD train is not available), scored on Sequoia dev.
#   English: EWT train, scored on EWT dev. (GUM is CC BY-NC: never trained on.)
#   French also reads Debian's hunspell-fr (tagger features for unclassed words): install it
#   first (`make deps`), else the model is trained without them (its header says which).
#   Tried and not kept (2026-11-24): the verbs' valency from hunspell-fr (Dicollecte's
#   "v1_it_q_zz": transitive, indirect, pronominal...) as parser features for s0, s1, b0:
#   Sequoia dev LAS 86.09 -> 85.97.
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
# English: the tagger trains on its own history and the parser on 4-fold jackknifed tags
# (`vigie train` defaults). Measured 2026-11-24 with 8 epochs: EWT dev UPOS 94.75 -> 94.72, LAS
# 79.89 -> 80.24; EWT test UPOS 94.69 -> 94.89, LAS 80.05 -> 80.90; with the parser weights
# under 1.0 dropped, for speed (see TrainOptions::parser_min_weight): dev LAS 79.87, test 80.78.
# More epochs (12/12) gave +0.1 UPOS and no LAS on dev.
# French keeps the training of the models before (teacher-forced tagger history, parser on the
# final tagger's tags, small weights kept): the same recipe as English raised Sequoia dev (UPOS
# 97.13 -> 97.30, LAS 84.40 -> 84.98 with 12 parser epochs) but lowered Sequoia and GSD test
# (UPOS 97.40 -> 97.15, 95.21 -> 95.01; LAS 85.08 -> 84.81, 78.89 -> 78.61), so it is not shipped.
# Model format 3 (2026-11-24 evening: tagger ambiguity classes, Zhang & Nivre parser features)
# with 12 epochs for both parts, English (dev UPOS / LAS): format 2 8/8 94.72 / 79.87; format 3
# 8/8 94.89 / 80.81 (ambiguity classes + first Zhang & Nivre set), then with 10 more parser
# features 80.88, with 12 parser epochs 81.07, with s1's label sets 81.09, with 12 tagger epochs
# 94.89 / 81.22 (shipped); with --parser-min-weight 0.6 81.24 but 34 MB (over the 30 MB budget).
# Lemma features in the parser gave nothing (81.04 against 81.07). French (Sequoia dev): format
# 2 8/8 97.13 / 84.40; format 3 8/8 97.48 / 85.05, 8/12 97.48 / 85.14, 12/12 97.64 / 85.10
# (UFeats 94.96 -> 95.27; shipped).
fr_options=(--tagger-epochs 12 --parser-epochs 12 --jackknife-folds 1 --gold-tagger-history
            --parser-min-weight 0.1)
en_options=(--tagger-epochs 12 --parser-epochs 12 --parser-min-weight 1.0)
# Each model is written beside its final name then renamed, so a running Vigie never reads half
# a file.
"$vigie" train --lang fr --train "$work/fr_sequoia-ud-train.conllu" --train "$work/fr_gsd-ud-dev.conllu" \
  --dev "$work/fr_sequoia-ud-dev.conllu" "${fr_options[@]}" -o "$repo/models/syntax.fr.bin.new"
mv "$repo/models/syntax.fr.bin.new" "$repo/models/syntax.fr.bin"
"$vigie" train --lang en --train "$work/en_ewt-ud-train.conllu" --dev "$work/en_ewt-ud-dev.conllu" \
  "${en_options[@]}" -o "$repo/models/syntax.en.bin.new"
mv "$repo/models/syntax.en.bin.new" "$repo/models/syntax.en.bin"
