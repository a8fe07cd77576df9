"""The one exception subcommands raise to stop with a message and an exit code."""


class GatefuzzError(Exception):
    """Stops the subcommand: `message` goes to stderr on one line, `code` is the exit status
    (2: usage, missing things, could not run; 1: the run found a problem)."""

    def __init__(self, message, code=2):
        super().__init__(message)
        self.code = code
