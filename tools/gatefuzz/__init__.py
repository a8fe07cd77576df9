"""gatefuzz front end: builds, fuzzes, replays, triages and reports."""
