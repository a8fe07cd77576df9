"""Packaging test: the OSS-Fuzz and ClusterFuzzLite files and the Dockerfiles
say what they must, in a form their tools accept (no Docker, no GitHub
needed). Usage: check_config.py SOURCE_DIR. Exit 0 when all is well."""
import re
import subprocess
import sys
from pathlib import Path

import dockerfile
import yamlish

ACTIONS = "google/clusterfuzzlite/actions/"
MODES = {"code-change", "batch", "prune", "coverage"}
SANITIZERS = {"address", "undefined"}  # those oss-fuzz/project.yaml lists
BASE_BUILDER = re.compile(r"^gcr\.io/oss-fuzz-base/base-builder(:[\w.-]+)?$")


def main(source):
    problems = []
    for check in (check_project_files, check_dockerfiles, check_workflows, check_scripts):
        try:
            problems += check(source)
        except (yamlish.YamlError, dockerfile.DockerfileError) as error:
            problems.append(str(error))
    for problem in problems:
        print(f"FAIL: {problem}")
    loader = "PyYAML" if yamlish.yaml else "the YAML subset reader (no PyYAML)"
    print(f"{len(problems)} problem(s); YAML read with {loader}")
    return 1 if problems else 0


def check_project_files(source):
    problems = []
    oss_fuzz = yamlish.load(source / "oss-fuzz/project.yaml")
    for key in ("homepage", "language", "primary_contact", "main_repo"):
        if not oss_fuzz.get(key):
            problems.append(f"oss-fuzz/project.yaml: no {key}")
    if oss_fuzz.get("language") != "c":
        problems.append("oss-fuzz/project.yaml: language is not c")
    if set(oss_fuzz.get("sanitizers") or []) != SANITIZERS:
        problems.append(f"oss-fuzz/project.yaml: sanitizers are not {sorted(SANITIZERS)}")
    if "libfuzzer" not in (oss_fuzz.get("fuzzing_engines") or []):
        problems.append("oss-fuzz/project.yaml: libfuzzer is not among the fuzzing_engines")
    cloned = {w for i in dockerfile.parse(source / "oss-fuzz/Dockerfile") if i.name == "RUN"
              for w in i.words() if "://" in w}
    if oss_fuzz.get("main_repo") not in cloned:
        problems.append("oss-fuzz/Dockerfile does not clone project.yaml's main_repo")
    if yamlish.load(source / ".clusterfuzzlite/project.yaml").get("language") != "c":
        problems.append(".clusterfuzzlite/project.yaml: language is not c")
    return problems


def check_dockerfiles(source):
    """Each parses; base images and what each must copy and run."""
    problems = []
    images = {}
    # (Dockerfile, its build context, base image pattern, what its RUN/CMD/COPY must hold)
    expected = [
        ("Dockerfile", source, re.compile(r"^debian:(12|bookworm)(-slim)?$"),
         ["./gatefuzz deps --install", '["./gatefuzz", "test"]']),
        ("oss-fuzz/Dockerfile", source / "oss-fuzz", BASE_BUILDER, ["build.sh $SRC/"]),
        (".clusterfuzzlite/Dockerfile", source, BASE_BUILDER,
         [". $SRC/gatefuzz", ".clusterfuzzlite/build.sh $SRC/"]),
    ]
    for name, context, base, needed in expected:
        instructions = dockerfile.parse(source / name)
        images[name] = instructions
        if not base.match(instructions[0].words()[0]):
            problems.append(f"{name}: unexpected base image {instructions[0].arguments}")
        said = [i.arguments for i in instructions]
        problems += [f"{name}: no instruction with {n!r}" for n in needed
                     if not any(n in s for s in said)]
        problems += missing_sources(name, context, instructions)
    if apt_packages(images["oss-fuzz/Dockerfile"]) != apt_packages(images[".clusterfuzzlite/Dockerfile"]):
        problems.append("oss-fuzz/Dockerfile and .clusterfuzzlite/Dockerfile install different packages")
    return problems


def missing_sources(name, context, instructions):
    """COPY/ADD sources that are not in the build context."""
    problems = []
    for instruction in instructions:
        if instruction.name in ("COPY", "ADD"):
            words = [w for w in instruction.words() if not w.startswith("--")]
            problems += [f"{name}:{instruction.line}: {instruction.name} source {s} is not in {context}"
                         for s in words[:-1] if not (context / s).exists()]
    return problems


def apt_packages(instructions):
    packages = set()
    for instruction in instructions:
        for command in instruction.arguments.split("&&"):
            words = command.split()
            if words[:2] == ["apt-get", "install"]:
                packages |= {w for w in words[2:] if not w.startswith("-")}
    return packages


def check_workflows(source):
    problems = []
    modes = set()
    for path in sorted((source / ".github/workflows").glob("*.yml")):
        name = path.relative_to(source)
        workflow = yamlish.load(path)
        if not workflow.get("name") or not yamlish.top_key(workflow, "on"):
            problems.append(f"{name}: no name or no `on`")
        jobs = workflow.get("jobs") or {}
        if not jobs:
            problems.append(f"{name}: no jobs")
        for job_name, job in jobs.items():
            job_problems, job_modes = check_job(job)
            problems += [f"{name}: job {job_name}: {p}" for p in job_problems]
            modes |= job_modes
    if modes != MODES:
        problems.append(f"workflows run modes {sorted(modes)}, not {sorted(MODES)}")
    return problems


def check_job(job):
    """A job's ClusterFuzzLite steps: a build before each run, the language,
    modes, and the same sanitizers on both sides."""
    problems, modes = [], set()
    if not job.get("runs-on") or not isinstance(job.get("steps"), list):
        return ["no runs-on or no steps"], modes
    matrix = ((job.get("strategy") or {}).get("matrix") or {}).get("sanitizer") or []
    built = None
    for step in job["steps"]:
        uses = step.get("uses", "")
        if not uses.startswith(ACTIONS):
            continue
        action, _, version = uses[len(ACTIONS):].partition("@")
        inputs = step.get("with") or {}
        sanitizers = expand(str(inputs.get("sanitizer", "address")), matrix)
        if not version:
            problems.append(f"{uses}: no version")
        if action == "build_fuzzers":
            if inputs.get("language") != "c":
                problems.append("build_fuzzers without language: c")
            built = sanitizers
        elif action == "run_fuzzers":
            mode = inputs.get("mode")
            modes.add(mode)
            if mode not in MODES:
                problems.append(f"run_fuzzers mode {mode!r}")
            if built != sanitizers:
                problems.append(f"run_fuzzers ({sanitizers}) after no build_fuzzers of the same sanitizers")
            wanted = {"coverage"} if mode == "coverage" else SANITIZERS
            if not set(sanitizers) <= wanted:
                problems.append(f"mode {mode} with sanitizers {sanitizers}, not among {sorted(wanted)}")
            if not str(inputs.get("fuzz-seconds", "")).isdigit():
                problems.append("run_fuzzers without a whole number of fuzz-seconds")
        else:
            problems.append(f"unknown ClusterFuzzLite action {action}")
    return problems, modes


def expand(value, matrix):
    """A sanitizer input: its matrix values when it names the matrix."""
    return sorted(matrix) if value.replace(" ", "") == "${{matrix.sanitizer}}" else [value]


def check_scripts(source):
    """The build scripts parse (bash -n) and stop at the first error."""
    problems = []
    for name in ("oss-fuzz/build.sh", ".clusterfuzzlite/build.sh"):
        path = source / name
        syntax = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
        if syntax.returncode:
            problems.append(f"{name}: {syntax.stderr.strip()}")
        if "set -euo pipefail" not in path.read_text():
            problems.append(f"{name}: no set -euo pipefail")
        if not path.stat().st_mode & 0o111:
            problems.append(f"{name}: not executable")
    return problems


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]).resolve()))
