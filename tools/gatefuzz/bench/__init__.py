"""Benchmark sections. Each module here measures one thing and has:

    TITLE, PRESET        a heading, and the build it needs (None: run()
                         builds what it needs itself)
    OPTIONS              optional: the `gatefuzz bench` options run() takes
                         as keywords (trials, budget: None when not given;
                         kernel: the kernels.Kernel --kernel chose, PRESET
                         built with it; a section without `kernel`
                         measures the built-in kernel only)
    run(quick, **options) -> {"data": <JSON-able>, "markdown": <text>}
    headline(data)       one line of the figures that matter, for the
                         summary at the top of the results (and the README)

Adding a section is adding a module and a line to SECTIONS."""
from . import cortex_m, false_positives, isolation, kernels, seeded, sharing, sharing_seeded, throughput

SECTIONS = {
    "isolation": isolation,
    "throughput": throughput,
    "kernels": kernels,
    "seeded": seeded,
    "false-positives": false_positives,
    "cortex-m": cortex_m,
    "sharing": sharing,
    "sharing-seeded": sharing_seeded,
}
