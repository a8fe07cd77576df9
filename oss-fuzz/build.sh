#!/bin/bash
# Builds every gatefuzz fuzz target the way OSS-Fuzz and ClusterFuzzLite
# expect: with their $CC and $CFLAGS (sanitizers, coverage) and
# $LIB_FUZZING_ENGINE, the build under $WORK, and into $OUT for each target
# of <build>/harnesses/targets.txt: the binary, <target>_seed_corpus.zip
# (corpus/<target>/), <target>.dict and <target>.options.
#
# Target names are published: OSS-Fuzz keys each target's corpus, crashes
# and statistics by its name, so renaming a target orphans all of them
# (docs/scaling.md).
#
# The checkout is $SRC/gatefuzz, where both Dockerfiles put it; OSS-Fuzz runs
# this file as $SRC/build.sh, ClusterFuzzLite through .clusterfuzzlite/build.sh.
set -euo pipefail

source_dir=$SRC/gatefuzz
build_dir=$WORK/gatefuzz-build

# A fresh build each time: $WORK outlives a build when OSS-Fuzz's helper.py
# builds again with another sanitizer or engine, and CMake would keep the old
# compiler and flags in its cache.
rm -rf "$build_dir"
# GATEFUZZ_ENGINE=external: CMake adds no sanitizer or engine flag of its own,
# $CFLAGS decide (no CMAKE_BUILD_TYPE either); module images are still built
# by gcc, never instrumented.
cmake -S "$source_dir" -B "$build_dir" -G Ninja \
	-DCMAKE_C_COMPILER="$CC" \
	-DGATEFUZZ_ENGINE=external \
	-DGATEFUZZ_LINK_ENGINE="$LIB_FUZZING_ENGINE"

mapfile -t targets < "$build_dir/harnesses/targets.txt"
# The fuzz targets and what they need only: no tests, no benchmarks.
cmake --build "$build_dir" -j "$(nproc)" --target "${targets[@]}"

# max_len: the largest input each target accepts ("<target> <bytes>" lines).
declare -A max_input
while read -r target bytes; do
	max_input[$target]=$bytes
done < "$build_dir/harnesses/max_input.txt"

for target in "${targets[@]}"; do
	for needed in "dict/$target.dict" "corpus/$target"; do
		if [ ! -e "$source_dir/$needed" ]; then
			echo "build.sh: $target has no $needed (every target has seeds and a dictionary)" >&2
			exit 1
		fi
	done
	cp "$build_dir/harnesses/$target" "$source_dir/dict/$target.dict" "$OUT/"
	# Seeds come from corpus/<target>/ only: regression reproducers
	# (corpus/regressions/) are not seeds and never ship.
	rm -f "$OUT/${target}_seed_corpus.zip"
	(cd "$source_dir/corpus/$target" && zip -q -X -r "$OUT/${target}_seed_corpus.zip" .)
	cat > "$OUT/$target.options" <<-OPTIONS
	[libfuzzer]
	dict = $target.dict
	max_len = ${max_input[$target]}
	OPTIONS
done
