"""The command line: one module per subcommand (cmd_*.py), errors on one line."""
import argparse
import os
import sys

from . import cmd_bench, cmd_coverage, cmd_deps, cmd_mutate, cmd_replay, cmd_run, cmd_test
from .errors import GatefuzzError

COMMANDS = (cmd_run, cmd_test, cmd_replay, cmd_coverage, cmd_bench, cmd_mutate, cmd_deps)
DESCRIPTION = """Fuzzing harnesses for RTOS module-manager kernels: build, fuzz, replay,
triage and report. `gatefuzz COMMAND --help` tells more."""


class OneLineParser(argparse.ArgumentParser):
    """argparse would print a usage block before its error; scripts and people
    reading CI logs get one line instead."""

    def error(self, message):
        self.exit(2, f"{self.prog}: {' '.join(message.split())} (see {self.prog} --help)\n")


def make_parser():
    parser = OneLineParser(prog="gatefuzz", description=DESCRIPTION)
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    subparsers = [command.add_parser(subcommands) for command in COMMANDS]
    parser.commands = {sub.prog.split()[-1]: sub for sub in subparsers}
    return parser


def parse(argv):
    """Parses like argparse, but an unknown flag is blamed on its subcommand."""
    parser = make_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        parser.commands[args.command].error(
            f"unrecognized arguments: {' '.join(unknown)}")
    return args


def main(argv=None):
    sys.stdout.reconfigure(line_buffering=True)  # keep our lines in order with the tools'
    args = parse(argv)
    try:
        return args.func(args)
    except GatefuzzError as error:
        print(f"gatefuzz {args.command}: {' '.join(str(error).split())}", file=sys.stderr)
        return error.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # the reader went away (| head): nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
