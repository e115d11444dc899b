# Vigie's front door. `make demo` and `make test` are the README's two commands.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build demo test test-sanitize bench dictionaries golden format clean
.PHONY: models
.PHONY: fuzz

all: build

# Installs missing Debian packages (idempotent; a no-op when everything is there).
deps:
	@bash scripts/install-deps.sh

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja -DVIGIE_BUILD_TESTS=ON $(CMAKE_FLAGS)

build: deps $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# Runs the extractor on the bundled examples and prints the events as a table.
demo: build
	$(BUILD)/vigie extract --format table examples/

# Builds and runs every test (unit, golden, schema, bad input, dictionaries; `eval` tests skip
# without ../shared).
test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Unit tests under AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize: deps
	cmake -S . -B $(BUILD)-sanitize -G Ninja -DVIGIE_BUILD_TESTS=ON -DVIGIE_SANITIZE=ON \
	  -DCMAKE_BUILD_TYPE=Debug
	cmake --build $(BUILD)-sanitize -j $(JOBS)
	cd $(BUILD)-sanitize && ctest --output-on-failure -j $(JOBS) -L unit

# libFuzzer targets of the ingest parsers and of the text stage (fuzz/), built with clang, ASan
# and UBSan in $(BUILD)-fuzz (the ingest, text and syntax libraries only), each run FUZZ_SECONDS
# from seeds made of the examples.
# A crash, leak or UB report fails the target and leaves the input in $(BUILD)-fuzz/.
FUZZ_SECONDS ?= 60
FUZZERS = html warc feed text
fuzz: deps
	cmake -S . -B $(BUILD)-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DVIGIE_BUILD_FUZZ=ON \
	  -DVIGIE_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD)-fuzz -j $(JOBS) --target fuzzers
	python3 scripts/make-example-containers.py --repo . --out $(BUILD)-fuzz/seeds/warc
	mkdir -p $(BUILD)-fuzz/seeds/html $(BUILD)-fuzz/seeds/feed $(BUILD)-fuzz/seeds/text
	find examples -name '*.html' -exec cp {} $(BUILD)-fuzz/seeds/html/ \;
	find examples -name '*.txt' -exec cp {} $(BUILD)-fuzz/seeds/text/ \;
	mv $(BUILD)-fuzz/seeds/warc/examples.rss $(BUILD)-fuzz/seeds/warc/examples.atom \
	  $(BUILD)-fuzz/seeds/feed/
	for f in $(FUZZERS); do \
	  mkdir -p $(BUILD)-fuzz/corpus/$$f && \
	  $(BUILD)-fuzz/fuzz/$${f}_fuzzer -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	    -artifact_prefix=$(BUILD)-fuzz/$$f- $$( [ -f fuzz/$$f.dict ] && echo -dict=fuzz/$$f.dict ) \
	    $(BUILD)-fuzz/corpus/$$f $(BUILD)-fuzz/seeds/$$f || exit 1; \
	done

# Google Benchmark micro-benchmarks and the whole-run benchmark.
bench: deps
	cmake -S . -B $(BUILD)-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DVIGIE_BUILD_TESTS=OFF \
	  -DVIGIE_BUILD_BENCH=ON
	cmake --build $(BUILD)-bench -j $(JOBS)
	$(BUILD)-bench/bench/tokenizer_benchmark --benchmark_min_time=1
	$(BUILD)-bench/bench/geo_benchmark --benchmark_min_time=1
	$(BUILD)-bench/bench/langid_benchmark --benchmark_min_time=1
	$(BUILD)-bench/bench/store_benchmark
	python3 bench/whole_run.py --vigie $(BUILD)-bench/vigie --examples examples --repeat 200

# Retrains the syntax models models/syntax.{fr,en}.bin (`vigie train`) and the NER models
# models/ner.{fr,en}.bin (`vigie train --ner`) from ../shared/data/nlp, and the language model
# models/langid.ftz (`vigie train-langid`).
models: build
	bash scripts/train-syntax-models.sh $(BUILD)/vigie
	bash scripts/train-langid-model.sh $(BUILD)/vigie
	bash scripts/train-ner-models.sh $(BUILD)/vigie

# Regenerates dictionaries/actors/countries.yaml from Debian's iso-codes and the extras.
dictionaries:
	python3 scripts/generate_country_dictionary.py

# Regenerates the golden outputs of the examples (review the diff before committing).
golden: build
	python3 tests/golden/run_golden.py --vigie $(BUILD)/vigie --repo . --update

format:
	find src tests bench -name '*.cc' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(BUILD)-sanitize $(BUILD)-bench $(BUILD)-fuzz
