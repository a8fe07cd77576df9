"""Packaging test: oss-fuzz/build.sh, run the way OSS-Fuzz and
ClusterFuzzLite run it, puts into $OUT what they need for every target, and
every target fuzzes its seed corpus without a crash.

Usage: check_build.py --source DIR --cc COMPILER --scratch DIR
The scratch directory (emptied first, removed when all is well) holds $SRC,
with a copy of the checkout, $WORK and $OUT."""
import argparse
import configparser
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

# What OSS-Fuzz's base-builder sets for an ASan libFuzzer build.
CFLAGS = ("-O1 -fno-omit-frame-pointer -gline-tables-only -fsanitize=address "
          "-fsanitize-address-use-after-scope -fsanitize=fuzzer-no-link")
RUNS = 100
# A fixed seed: a build makes the same runs every time. The kernel has bugs
# for fuzzing to find; what fails here must be the packaging, reproducibly.
SEED = 1
RUN_TIMEOUT = 120  # seconds for a target's runs; they take well under one
NAME = re.compile(r"^[A-Za-z0-9_-]+$")  # what OSS-Fuzz accepts as a target name
# A regression reproducer planted in the copy: it must not ship as a seed.
DECOY = b"gatefuzz packaging test: a regression reproducer, never a seed\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=lambda p: Path(p).resolve(), required=True)
    parser.add_argument("--cc", required=True)
    parser.add_argument("--scratch", type=Path, required=True)
    args = parser.parse_args()
    started = time.monotonic()
    shutil.rmtree(args.scratch, ignore_errors=True)
    src, work, out = (args.scratch / d for d in ("src", "work", "out"))
    for d in (src, work, out):
        d.mkdir(parents=True)
    checkout = src / "gatefuzz"
    shutil.copytree(args.source, checkout, ignore=not_copied(args.source), symlinks=True)
    plant_decoy(checkout / "corpus/regressions/packaging-decoy")

    build(args.cc, src, work, out, args.scratch / "build.log")
    targets = (work / "gatefuzz-build/harnesses/targets.txt").read_text().split()
    max_input = dict(line.split() for line in
                     (work / "gatefuzz-build/harnesses/max_input.txt").read_text().splitlines())
    problems = check_target_list(checkout, targets)
    problems += check_out(checkout, out, targets, max_input)
    if not problems:
        problems += fuzz_all(out, targets, args.scratch / "runs")
    for problem in problems:
        print(f"FAIL: {problem}")
    print(f"{len(targets)} targets, {len(problems)} problem(s), {time.monotonic() - started:.0f} s")
    if problems:
        print(f"kept for inspection: {args.scratch}")
        return 1
    shutil.rmtree(args.scratch)
    return 0


def not_copied(source):
    """What a fresh clone would not have: git's data, build and campaign
    output (top-level build/ and out/, as .gitignore), Python caches."""
    def ignore(directory, names):
        top = {"build", "out"} if Path(directory) == source else set()
        return [n for n in names if n in top | {".git", "__pycache__"}]
    return ignore


def plant_decoy(directory):
    directory.mkdir(parents=True)
    (directory / "input").write_bytes(DECOY)
    (directory / "expect").write_text("target=fuzz_loader\nverdict=OK\n")


def build(cc, src, work, out, log_path):
    """As OSS-Fuzz's `compile`: build.sh copied to $SRC, run from the checkout."""
    shutil.copy(src / "gatefuzz/.clusterfuzzlite/build.sh", src / "build.sh")
    env = dict(os.environ, CC=cc, CFLAGS=CFLAGS, LIB_FUZZING_ENGINE="-fsanitize=fuzzer",
               SRC=str(src), WORK=str(work), OUT=str(out),
               SANITIZER="address", FUZZING_ENGINE="libfuzzer", ARCHITECTURE="x86_64")
    for name in ("LDFLAGS", "CPPFLAGS", "CMAKE_GENERATOR"):  # not set by OSS-Fuzz
        env.pop(name, None)
    with open(log_path, "w") as log:
        status = subprocess.run(["bash", "-eux", str(src / "build.sh")], cwd=src / "gatefuzz",
                                env=env, stdout=log, stderr=subprocess.STDOUT).returncode
    if status:
        print(log_path.read_text()[-6000:])
        sys.exit(f"FAIL: build.sh exited {status} (log: {log_path})")


def check_target_list(checkout, targets):
    """targets.txt names every service of services.def and the three others."""
    services = re.findall(r"^GF_SERVICE\( *\d+, *(\w+), *(\w+),",
                          (checkout / "kernel/services.def").read_text(), re.M)
    expected = {f"fuzz_{family}_{name}" for family, name in services}
    expected |= {"fuzz_sequence", "fuzz_puppet", "fuzz_loader"}
    problems = [f"targets.txt lacks {t}" for t in sorted(expected - set(targets))]
    problems += [f"target name {t!r} is not [A-Za-z0-9_-]+" for t in targets if not NAME.match(t)]
    return problems


def check_out(checkout, out, targets, max_input):
    problems = []
    executables = {p.name for p in out.iterdir() if p.is_file() and os.access(p, os.X_OK)}
    problems += [f"$OUT has {e}, which is no fuzz target" for e in sorted(executables - set(targets))]
    for target in targets:
        if target not in executables:
            problems.append(f"$OUT/{target}: missing or not executable")
        dictionary = out / f"{target}.dict"
        if not dictionary.is_file() or \
                dictionary.read_bytes() != (checkout / f"dict/{target}.dict").read_bytes():
            problems.append(f"$OUT/{dictionary.name}: missing, or not dict/{target}.dict")
        problems += check_seeds(checkout / "corpus" / target, out / f"{target}_seed_corpus.zip")
        problems += check_options(target, out / f"{target}.options", max_input[target],
                                  checkout / "corpus" / target)
    if int(max_input["fuzz_loader"]) < 65536:
        problems.append("fuzz_loader's max_len is below 65536: a module image does not fit")
    return problems


def check_seeds(seeds, archive):
    """The zip is sound and holds exactly the seed files, none of them the decoy."""
    if not archive.is_file():
        return [f"{archive.name}: missing"]
    try:
        with zipfile.ZipFile(archive) as z:
            bad = z.testzip()
            contents = {Path(i.filename).name: z.read(i) for i in z.infolist() if not i.is_dir()}
    except zipfile.BadZipFile as error:
        return [f"{archive.name}: {error}"]
    wanted = {p.name: p.read_bytes() for p in seeds.iterdir() if p.is_file()}
    problems = [f"{archive.name}: {bad} is corrupt"] if bad else []
    if contents != wanted:
        problems.append(f"{archive.name} does not hold exactly the files of corpus/{seeds.name}/")
    if DECOY in contents.values():
        problems.append(f"{archive.name} ships a regression reproducer")
    return problems


def check_options(target, path, max_input, seeds):
    options = configparser.ConfigParser()
    try:
        options.read_string(path.read_text())
        libfuzzer = options["libfuzzer"]
    except (OSError, configparser.Error, KeyError) as error:
        return [f"{path.name}: no [libfuzzer] section ({error})"]
    problems = []
    if libfuzzer.get("dict") != f"{target}.dict":
        problems.append(f"{path.name}: dict is not {target}.dict")
    if libfuzzer.get("max_len") != max_input:
        problems.append(f"{path.name}: max_len is not {max_input} (harnesses/max_input.txt)")
    largest = max(p.stat().st_size for p in seeds.iterdir())
    if not libfuzzer.get("max_len", "").isdigit() or int(libfuzzer["max_len"]) < largest:
        problems.append(f"{path.name}: max_len is below its largest seed ({largest} bytes)")
    return problems


def fuzz_all(out, targets, runs_dir):
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        results = pool.map(lambda t: fuzz(out, t, runs_dir / t), targets)
    return [problem for problem in results if problem]


def fuzz(out, target, directory):
    """RUNS runs from the unpacked seeds with the .options flags, as ClusterFuzz
    starts a target; a crash (any non-zero exit) is a problem."""
    corpus = directory / "corpus"
    corpus.mkdir(parents=True)
    with zipfile.ZipFile(out / f"{target}_seed_corpus.zip") as z:
        z.extractall(corpus)
    options = configparser.ConfigParser()
    options.read(out / f"{target}.options")
    flags = [f"-{key}={out / value if key == 'dict' else value}"
             for key, value in options["libfuzzer"].items()]
    command = [str(out / target), f"-runs={RUNS}", f"-seed={SEED}",
               f"-artifact_prefix={directory}/", *flags, str(corpus)]
    try:
        run = subprocess.run(command, cwd=directory, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True, errors="replace",
                             timeout=RUN_TIMEOUT)
    except subprocess.TimeoutExpired:
        return f"{target} did not finish {RUNS} runs in {RUN_TIMEOUT} s"
    if run.returncode == 0:
        return None
    (directory / "log").write_text(run.stdout)
    return (f"{target} exited {run.returncode} within {RUNS} runs:\n"
            + "\n".join(run.stdout.splitlines()[-25:]))


if __name__ == "__main__":
    sys.exit(main())
