"""Benchmark sections. Each module here measures one thing and has:

    TITLE, PRESET        a heading, and the build it needs
    run(quick) -> {"data": <JSON-able>, "markdown": <text>}

Adding a section (throughput, time-to-bug on the seeded bugs) is adding a
module and a line to SECTIONS."""
from . import isolation

SECTIONS = {"isolation": isolation}
