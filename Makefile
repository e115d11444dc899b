# Vigie's front door. `make demo` and `make test` are the README's two commands.
BUILD ?= build
JOBS ?= $(shell nproc)
CMAKE_FLAGS ?=

.PHONY: all deps build demo test test-sanitize bench dictionaries golden format clean
.PHONY: models

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

# Google Benchmark micro-benchmarks and the whole-run benchmark.
bench: deps
	cmake -S . -B $(BUILD)-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DVIGIE_BUILD_TESTS=OFF \
	  -DVIGIE_BUILD_BENCH=ON
	cmake --build $(BUILD)-bench -j $(JOBS)
	$(BUILD)-bench/bench/tokenizer_benchmark --benchmark_min_time=1
	$(BUILD)-bench/bench/geo_benchmark --benchmark_min_time=1
	$(BUILD)-bench/bench/store_benchmark
	python3 bench/whole_run.py --vigie $(BUILD)-bench/vigie --examples examples --repeat 200

# Retrains the syntax models models/syntax.{fr,en}.bin (`vigie train`) from ../shared/data/nlp.
models: build
	bash scripts/train-syntax-models.sh $(BUILD)/vigie

# Regenerates dictionaries/actors/countries.yaml from Debian's iso-codes and the extras.
dictionaries:
	python3 scripts/generate_country_dictionary.py

# Regenerates the golden outputs of the examples (review the diff before committing).
golden: build
	python3 tests/golden/run_golden.py --vigie $(BUILD)/vigie --repo . --update

format:
	find src tests bench -name '*.cc' -o -name '*.h' | xargs clang-format -i

clean:
	rm -rf $(BUILD) $(BUILD)-sanitize $(BUILD)-bench
