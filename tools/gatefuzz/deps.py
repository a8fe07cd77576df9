"""The dependency list (tools/dependencies.txt): what each feature needs,
what is missing, and installing it. Subcommands call ensure() for the
features they use."""
import os
import shutil
import subprocess
from dataclasses import dataclass, field

from . import paths
from .errors import GatefuzzError

DOWNLOAD_PREFIX = "download:"
APT_ENV = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
_updated = False


@dataclass
class Feature:
    name: str
    packages: list = field(default_factory=list)   # installed
    downloads: list = field(default_factory=list)  # fetched into build/debs/ only


def load():
    """Features in file order, by name."""
    features = {}
    for number, line in enumerate(paths.DEPENDENCIES.read_text().splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, colon, rest = line.partition(":")
        if not colon or not name.strip():
            raise GatefuzzError(f"{paths.DEPENDENCIES}:{number}: expected 'feature: package...'")
        feature = features.setdefault(name.strip(), Feature(name.strip()))
        for word in rest.split():
            if word.startswith(DOWNLOAD_PREFIX):
                feature.downloads.append(word[len(DOWNLOAD_PREFIX):])
            else:
                feature.packages.append(word)
    return features


def select(names):
    """The named features; an unknown name is a usage error."""
    features = load()
    unknown = [n for n in names if n not in features]
    if unknown:
        raise GatefuzzError(f"unknown feature '{unknown[0]}' (features: {', '.join(features)})")
    return [features[n] for n in names]


def missing_packages(packages):
    """Those of `packages` dpkg does not list as installed."""
    if not packages:
        return []
    if not shutil.which("dpkg-query"):
        return []  # not a Debian system: nothing to check against, trust the PATH
    query = subprocess.run(["dpkg-query", "-W", "-f=${Package}\t${Status}\n", *packages],
                           capture_output=True, text=True)
    installed = {line.split("\t")[0] for line in query.stdout.splitlines()
                 if line.endswith("install ok installed")}
    return [p for p in packages if p not in installed]


def download_manifest(package):
    return paths.DEBS_DIR / f"{package}.list"


def missing_downloads(packages):
    """Download-only packages whose .deb files are not all in build/debs/."""
    def complete(package):
        manifest = download_manifest(package)
        return manifest.exists() and all((paths.DEBS_DIR / f).exists()
                                         for f in manifest.read_text().split())
    return [p for p in packages if not complete(p)]


def ensure(feature_names):
    """Installs whatever the features lack (as root), or stops with the command to run."""
    features = select(feature_names)
    need = {}
    for feature in features:
        for package in missing_packages(feature.packages):
            need.setdefault(package, []).append(feature.name)
    if need:
        why = ", ".join(dict.fromkeys(f for fs in need.values() for f in fs))
        if os.geteuid() != 0:
            packages = " ".join(need)
            raise GatefuzzError(f"missing packages needed for {why}: {packages}; install them with: "
                                f"sudo apt-get update && sudo apt-get install -y --no-install-recommends {packages}")
        print(f"installing: {' '.join(need)} (needed for {why})", flush=True)
        update_once()
        apt(["install", "-y", "-q", "--no-install-recommends", *need])
    for feature in features:
        for package in missing_downloads(feature.downloads):
            download(package, feature.name)


def update_once():
    """apt-get update, once per gatefuzz command, when root (a fresh image or
    machine may have no package lists at all)."""
    global _updated
    if not _updated and os.geteuid() == 0:
        apt(["update", "-q"])
        _updated = True


def apt(arguments, cwd=None):
    if subprocess.run(["apt-get", *arguments], env=APT_ENV, cwd=cwd).returncode != 0:
        raise GatefuzzError(f"apt-get {' '.join(arguments)} failed")


def download(package, why):
    """apt-get download of a package and what it directly depends on: a
    metapackage such as linux-image-amd64 is empty, its one dependency is the
    real thing. The packages are not installed."""
    paths.DEBS_DIR.mkdir(parents=True, exist_ok=True)
    update_once()
    depends = subprocess.run(["apt-cache", "depends", "--no-recommends", "--no-suggests",
                              "--no-conflicts", "--no-breaks", "--no-replaces",
                              "--no-enhances", package], capture_output=True, text=True)
    direct = [line.split(":", 1)[1].strip() for line in depends.stdout.splitlines()
              if line.strip().startswith("Depends:") and "<" not in line]
    wanted = [package, *direct]
    print(f"downloading (not installing): {' '.join(wanted)} into {paths.shown(paths.DEBS_DIR)}/ "
          f"(needed for {why})", flush=True)
    # as root apt would drop to its _apt user, which cannot write here, and warn
    sandbox = ["-o", "APT::Sandbox::User=root"] if os.geteuid() == 0 else []
    apt(["download", "-q", *sandbox, *wanted], cwd=paths.DEBS_DIR)
    fetched = sorted(f for f in os.listdir(paths.DEBS_DIR)
                     if f.endswith(".deb") and f.split("_", 1)[0] in wanted)
    download_manifest(package).write_text("\n".join(fetched) + "\n")
