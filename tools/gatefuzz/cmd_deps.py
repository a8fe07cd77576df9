"""gatefuzz deps: what each feature needs from Debian, and installing it."""
from . import deps, paths

HELP = "show or install the Debian packages each feature needs"
DESCRIPTION = f"""Without --install: shows, for each feature of {paths.shown(paths.DEPENDENCIES)}
(all of them unless named), which packages are installed and which are
missing. With --install: installs the missing ones (as root; non-interactive,
for Dockerfiles and CI) and downloads the download-only ones into
{paths.shown(paths.DEBS_DIR)}/."""


def add_parser(subparsers):
    parser = subparsers.add_parser("deps", help=HELP, description=DESCRIPTION)
    parser.add_argument("--install", action="store_true", help="install what is missing")
    parser.add_argument("features", nargs="*", metavar="FEATURE",
                        help="features to show or install (default: all)")
    parser.set_defaults(func=main)
    return parser


def main(args):
    features = deps.select(args.features or list(deps.load()))
    if args.install:
        deps.ensure([f.name for f in features])
    width = max(len(f.name) for f in features)
    incomplete = []
    for feature in features:
        missing = deps.missing_packages(feature.packages)
        not_downloaded = deps.missing_downloads(feature.downloads)
        if missing or not_downloaded:
            incomplete.append(feature.name)
        state = "missing" if missing or not_downloaded else "ok"
        line = f"{feature.name:<{width}}  {state:<7}  {' '.join(feature.packages)}"
        if feature.downloads:
            line += f"; downloaded only: {' '.join(feature.downloads)}"
        print(line)
        if missing:
            print(f"{'':<{width}}  missing: {' '.join(missing)}")
        if not_downloaded:
            print(f"{'':<{width}}  not downloaded: {' '.join(not_downloaded)}")
    if incomplete:
        print(f"install with: ./gatefuzz deps --install {' '.join(incomplete)}")
    return 0
