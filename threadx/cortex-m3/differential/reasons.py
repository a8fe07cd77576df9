"""reasons.py — why one input's verdict on the Cortex-M3 port may differ
from the host port's (.txcm3.differential): a small set of named reasons,
each decided from the two runs' evidence (the calls' statuses, where the
translated pointers landed in the port's layout, the host's BUG line),
never from the input's name.  A difference none of them explains is a
failure of run-differential.

The call a difference is about is the first whose outcome differs: the
host's status or fault against the port's status, or the call the port's
run ended in."""
import translate

ROUNDED = ("PMSAv7 rounding: the range lies past module A's data, inside the data range the port "
           "sized for its MPU regions and its checks accept")
STACKS = ("module A's thread stacks: the range lies below A's data, on the port in A's own stacks, "
          "which its checks accept as A's memory; on the host outside the caller's data")
INTEGRITY = ("the same statuses: the host's integrity walk of ThreadX's lists finds damage the port's "
             "narrower check (module B's objects, kernel data, the object pool's list) does not see")
UNDOCUMENTED = ("the same statuses: the host's model knows which statuses the service documents and "
                "finds this one undocumented (wrong-status); the port's replay takes any error status "
                "as REJECTED")
# BUG kinds the host judges from what both ports returned alike
SAME_STATUSES = {"integrity": INTEGRITY, "wrong-status": UNDOCUMENTED}
OTHER_BYTES = ("no object at the address, and both object checks let it through (TX-USE): the kernel "
               "read what lies there, module code or kernel data, which differs between the ports")
SAME_SIZE = ("module A's live object of another type, whose control block has the create's size on "
             "the port (32-bit) and not on the host: the port's creation check, which compares sizes "
             "only, creates over it")
NOT_OBJECTS = ("OWN_CODE", "OTHER_CODE", "KERNEL_ARENA", "KERNEL_GLOBAL", "NEAR_NULL")
INVALID_MEMORY = 0xF4  # TXM_MODULE_INVALID_MEMORY: a module manager check refused a pointer


def signed(value):
    return value - (1 << 32) if value & 0x80000000 else value


def port_start(cls, value, world):
    """Where a pointer of A's data class landed on the port, or None."""
    a_data, size = world[0], world[1]
    if cls == translate.A_DATA_END:
        return a_data + size + signed(value)
    if cls == translate.A_DATA_START:
        return a_data + signed(value)
    return None


def layout_reason(host_call, translated, world):
    """ROUNDED or STACKS when one of the call's pointers (the extra array
    included) lies, on the port, outside A's data but inside the range
    its checks accept; else None."""
    a_data, size, checked, checked_end = world[0], world[1], world[4], world[5] + 1
    lengths = [p.get("len", 0) for p in host_call["params"]]
    if host_call.get("extra"):
        lengths.append(host_call["extra"]["len"])
    for length, (cls, value) in zip(lengths, translated):
        start = port_start(cls, value, world)
        if start is None:
            continue
        end = start + max(1, min(length, 1 << 20))
        if checked <= start and end <= checked_end or checked <= start < checked_end:
            if start < a_data:
                return STACKS
            if end > a_data + size:
                return ROUNDED
    return None


def first_difference(description, port_result, fixture):
    """The index of the first call whose outcome differs, or None."""
    statuses = port_result["statuses"][fixture:]
    for i, c in enumerate(description["calls"]):
        if i >= len(statuses):
            return i
        if c["faulted"] or c["status"] != statuses[i]:
            return i
    return None


def explain(description, port_result, translation, host, port):
    """The reason the verdicts host and port (differing) may differ, or None."""
    fixture, translated = translation[1], translation[2]
    world = port_result.get("world")
    i = first_difference(description, port_result, fixture)
    if i is None:
        if host.startswith("BUG"):
            return SAME_STATUSES.get(description["bug"].split()[1])
        return None
    if world:
        why = layout_reason(description["calls"][i], translated[i], world)
        if why:
            return why
    c = description["calls"][i]
    objects = [p for p in c["params"] if p["kind"] == "obj"]
    block = objects[0].get("block") if objects else None
    if (c["service"].endswith("_create") and block and block["owner"] == "own"
            and block["state"] == "live" and block["type"] != objects[0]["type"]
            and c["status"] == INVALID_MEMORY and port_result["statuses"][fixture + i:][:1] == [0]):
        return SAME_SIZE
    if (objects and objects[0]["class"] in NOT_OBJECTS and "block" not in objects[0]
            and c["status"] != INVALID_MEMORY and not c["faulted"]):
        return OTHER_BYTES
    return None
