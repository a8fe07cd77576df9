"""Time as gatefuzz prints and stores it."""
import time
from datetime import datetime, timezone


def duration(seconds):
    """12.3s, 4m05s, 1h02m."""
    if seconds < 60:
        return f"{seconds:.1f}s"
    minutes, seconds = divmod(int(seconds), 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    return f"{minutes // 60}h{minutes % 60:02d}m"


def utc_now():
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def utc_stamp():
    """A name that sorts by time: 20250102T030405Z."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def utc_from_epoch(seconds):
    return datetime.fromtimestamp(seconds, timezone.utc).isoformat(timespec="seconds")


def seconds_between(earlier_iso, later_iso):
    return (datetime.fromisoformat(later_iso) - datetime.fromisoformat(earlier_iso)).total_seconds()


class Stopwatch:
    def __init__(self):
        self.start = time.monotonic()

    def elapsed(self):
        return time.monotonic() - self.start
