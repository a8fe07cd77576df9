"""translate.py — one host input's calls, as gf-tx-describe prints them, in
the Cortex-M3 port's input format (fuzz/fuzz_resolve.h), or the reason it
cannot be said there (.txcm3.differential).

Each parameter becomes a class of the port and a value: what it points at
on the host (the caller's data + offset, its object of type T, module B's
object, kernel data, code, NULL, an unmapped address...) is what it points
at on the port.  Names, buffers and extra-parameter arrays the host decoder
wrote into the caller's memory become store records.  The host's fixture
objects of the caller that an input uses are created first, as the host's
fixture (harnesses/fixture.c) creates them; those calls are the
translation's, not the input's, and must succeed.

Module A's scratch (12 KiB, program_module.c) as the translation uses it:
  [0, 128)        the firmware's name and fixed extra arrays (fuzz_resolve.h)
  [128, 1024)     the translation's arrays and the fixture's names
  [1024, 6144)    the fixture's pool areas, queue storage and thread stack
  [6144, 12288)   the host's pointers into the caller's own data
"""
import struct

RECORD = 16
STORE = 192
MAX_CALLS = 32
MAX_RECORDS = 128
SCRATCH_SIZE = 12 * 1024
ARRAYS = (128, 1024)
AREAS = (1024, 6144)
OWN = (6144, SCRATCH_SIZE)
UNMAPPED = 0x30000000  # no memory on mps2-an385: an access is a BusFault

# fuzz_resolve.h's classes and object types
(VALUE, SCRATCH, OBJECT, B_OBJECT, KERNEL, NULL, A_CODE, B_DATA, A_DATA_END, A_DATA_START, B_CODE,
 OBJECT_AT, OBJECT_HEADER, CB_SIZE) = range(14)
TYPES = ["BLOCK_POOL", "BYTE_POOL", "EVENT_FLAGS", "MUTEX", "QUEUE", "SEMAPHORE", "THREAD", "TIMER"]
LARGE_BLOCK = 8  # A's empty block of the largest control block's size, as the host fixture's
# module B's objects on the port (program_module.c) and their names
B_OBJECTS = {"SEMAPHORE": (0, b"B semaphore"), "BLOCK_POOL": (1, b"B blocks"),
             "THREAD": (2, b"B thread")}
HOST_A, HOST_B = "m0.", "m1."  # the host fixture's names: m<module>.<TYPE>
# the services that find an object by its name (services.def)
NAME_LOOKUPS = ("module_object_pointer_get", "module_object_pointer_get_extended")


def fixture_state(block):
    """The state the host fixture made a block's object in, its name's
    third part (m<module>.<TYPE>.<state>, harnesses/fixture.c), or "" for
    the object of each type the port's fixture makes too."""
    parts = block.get("name", "").split(".")
    return parts[2] if len(parts) > 2 and parts[0].startswith("m") else ""


class NotExpressible(Exception):
    """The input says something the port's format cannot: the reason."""


def request_ids(services_def):
    """{service name: TXM request id} from threadx/services.def."""
    ids = {}
    for line in open(services_def):
        if line.startswith("GF_SERVICE("):
            fields = [f.strip() for f in line[len("GF_SERVICE("):].split(",")[:3]]
            ids[f"{fields[1]}_{fields[2]}"] = int(fields[0])
    return ids


def signed(value):
    if not -(1 << 27) <= value < (1 << 27):
        raise NotExpressible(f"an offset of {value} bytes")
    return value & 0xFFFFFFFF


class Translation:
    def __init__(self, ids, description):
        self.ids = ids
        self.world = description.get("world", {})
        self.stores = []        # (scratch offset, bytes)
        self.fixture = []       # records of the fixture's calls
        self.calls = []         # records of the input's calls
        self.params = []        # each input call's parameters, (class, value), the extra array last
        self.free = {ARRAYS: ARRAYS[0], AREAS: AREAS[0]}  # the next free byte of each
        self.blocks = {}        # host block index -> A's block on the port
        self.created = set()    # host blocks the input itself created or deleted
        self.fixture_types = []
        self.looking_up = False  # the call being translated finds an object by its name

    # ---- scratch ----------------------------------------------------------
    def take(self, part, size, align):
        at = self.free[part]
        self.free[part] += (size + align - 1) & ~(align - 1)
        if self.free[part] > part[1]:
            raise NotExpressible("more names, arrays and fixture memory than the port module's "
                                 "scratch holds")
        return at

    def array(self, size):
        return self.take(ARRAYS, size, 8)

    def area(self, size):
        return self.take(AREAS, size, 64)

    def store(self, offset, data):
        self.stores.append((offset, bytes(data)))

    def store_words(self, offset, words):
        """Words that may be classes: (class, value) pairs, two per record."""
        self.stores.append((offset, list(words)))

    # ---- the fixture ------------------------------------------------------
    def call(self, service, params, into):
        """A call record; params beyond three go to an array in scratch."""
        params = list(params)
        if len(params) > 3:
            at = self.array(4 * (len(params) - 2))
            self.store_words(at, params[2:])
            params = params[:2] + [(SCRATCH, at)]
        params += [(VALUE, 0)] * (3 - len(params))
        into.append((self.ids[service], params))

    def name(self, text):
        at = self.array(len(text) + 1)
        self.store(at, text.encode() + b"\0")
        return (SCRATCH, at)

    def create(self, kind):
        """The host fixture's object of this type (fixture.c), in A's block."""
        t = TYPES.index(kind)
        block, name, size = (OBJECT, t), self.name(HOST_A + kind), (CB_SIZE, t)
        entry = (A_CODE, 0)
        extra = {
            "BLOCK_POOL": lambda: [(VALUE, 32), (SCRATCH, self.area(1024)), (VALUE, 1024)],
            "BYTE_POOL": lambda: [(SCRATCH, self.area(2048)), (VALUE, 2048)],
            "EVENT_FLAGS": lambda: [],
            "MUTEX": lambda: [(VALUE, 0)],
            "QUEUE": lambda: [(VALUE, 4), (SCRATCH, self.area(256)), (VALUE, 256)],
            "SEMAPHORE": lambda: [(VALUE, 3)],
            "THREAD": lambda: [entry, (VALUE, 0), (SCRATCH, self.area(1024)), (VALUE, 1024),
                               (VALUE, 16), (VALUE, 16), (VALUE, 0), (VALUE, 0)],
            "TIMER": lambda: [entry, (VALUE, 0), (VALUE, 10), (VALUE, 0), (VALUE, 0)],
        }[kind]()
        self.call(kind.lower() + "_create", [block, name] + extra + [size], self.fixture)
        self.fixture_types.append(kind)

    def own_block(self, block):
        """A's block on the port standing for the host's own block."""
        index = block["index"]
        if index in self.blocks:
            return self.blocks[index]
        kind = block["type"]
        port = TYPES.index(kind) if kind in TYPES else LARGE_BLOCK
        if port in self.blocks.values():
            raise NotExpressible(f"two of the caller's {kind if kind in TYPES else 'empty'} blocks: "
                                 "the port's module A has one of each type")
        self.blocks[index] = port
        if index not in self.created and fixture_state(block):
            raise NotExpressible(f"module A's {kind} in the fixture's state {fixture_state(block)}: "
                                 "the translation creates the first object of each type only")
        if index not in self.created and block["state"] != "empty":
            self.create(kind)
            if block["state"] == "deleted":
                self.call(kind.lower() + "_delete", [(OBJECT, port)], self.fixture)
        return port

    # ---- parameters -------------------------------------------------------
    def own_data(self, offset, length, content):
        span = OWN[1] - OWN[0]
        room = span - length if length < span else 0
        at = OWN[0] + ((offset % (room + 8)) & ~7)
        if content is not None:
            self.store(at, self.port_name(bytes.fromhex(content)))
        return (SCRATCH, at)

    def port_name(self, data):
        """A name of the host's fixture as the port's objects are named."""
        text = data.split(b"\0")[0].decode("latin-1")
        if self.looking_up and text.startswith(HOST_A) and text[len(HOST_A):] in TYPES \
                and text[len(HOST_A):] not in self.fixture_types:
            # the port's A has the host fixture's names, on the objects a call used so far:
            # a lookup of another finds nothing there (a create may take any name)
            raise NotExpressible(f"the name of module A's {text[len(HOST_A):]}, which the translation "
                                 "has not created: it creates an object when a call names its block")
        if not text.startswith(HOST_B):
            return data
        kind = text[len(HOST_B):]
        if kind not in B_OBJECTS:
            raise NotExpressible(f"the name of module B's {kind}, which B lacks on the port")
        return B_OBJECTS[kind][1] + b"\0"

    def pointer(self, p):
        cls, addr, length, w = p["class"], p["addr"], p["len"], self.world
        block = p.get("block")
        if cls == "NULL_PTR":
            return (NULL, 0)
        if block and cls not in ("OTHER_DATA", "OWN_DATA"):
            return self.in_block(cls, block)
        if cls in ("OWN_DATA", "OWN_STACK"):
            base = w["own_scratch"][0] if cls == "OWN_DATA" else w["own_data"][0]
            return self.own_data(addr - base, length, p.get("content"))
        if cls in ("OWN_DATA_END", "OWN_DATA_STRADDLE_END", "OWN_STACK_GUARD"):
            return (A_DATA_END, signed(addr - w["own_data"][1]))
        if cls == "OWN_DATA_STRADDLE_START":
            return (A_DATA_START, signed(addr - w["own_data"][0]))
        if cls == "OWN_CODE":
            return (A_CODE, addr - w["own_code"][0])
        if cls == "OTHER_DATA":
            return (B_DATA, addr - w["other_data"][0])
        if cls == "OTHER_CODE":
            return (B_CODE, addr - w["other_code"][0])
        if cls in ("KERNEL_ARENA", "KERNEL_GLOBAL"):
            return (KERNEL, addr - w["arena"][0])
        if cls == "OBJ_ALIAS_4G":
            raise NotExpressible("an object's address 4 GiB lower: the port's addresses are 32 bits")
        if cls == "NEAR_NULL":
            return (VALUE, addr)
        if cls in ("GUARD_PAGE", "UNMAPPED"):
            return (VALUE, UNMAPPED + (addr & 0xFFFF))
        if cls == "NONCANONICAL":  # pointer_gen.c's 32-bit stand-ins
            return (VALUE, 0xE0000000 + ((addr - (1 << 63)) & 0xFFFFFFF))
        if cls == "HIGH_KERNEL":
            return (VALUE, 0xF0000000 + ((addr - 0xFFFFFFFF80000000) & 0xFFFFFFF))
        if cls == "WRAP":
            return (VALUE, 0xFFFFFFFF - ((1 << 64) - 1 - addr))
        if cls in ("SHARED_RO", "SHARED_RW"):
            raise NotExpressible("a shared window: the port's fuzz world has none")
        if cls in ("POOLMEM_OWN", "POOLMEM_OTHER"):
            raise NotExpressible("memory from a pool: the port knows its address only after the "
                                 "call that allocates it")
        raise NotExpressible(f"class {cls} at no object block")

    def in_block(self, cls, block):
        offset = block["offset"]
        if block["owner"] == "other":
            kind = block["type"]
            if block["state"] != "live" or kind not in B_OBJECTS or offset:
                state = "empty block" if block["state"] == "empty" else f"{block['state']} {kind}"
                raise NotExpressible(f"module B's {state}{' + offset' if offset else ''}: "
                                     "B has a live semaphore, block pool and thread on the port")
            if not block["name"].startswith(HOST_B):
                raise NotExpressible(f"a third module's {kind}: the port has modules A and B only")
            if fixture_state(block):
                raise NotExpressible(f"module B's {kind} in the fixture's state "
                                     f"{fixture_state(block)}: B's objects on the port are in "
                                     "their first state")
            return (B_OBJECT, B_OBJECTS[kind][0])
        port = self.own_block(block)
        if cls == "BLOCK_HEADER":
            return (OBJECT_HEADER, port)
        if offset == 0:
            return (OBJECT, port)
        signed(offset)
        return (OBJECT_AT, (port | offset << 4) & 0xFFFFFFFF)

    def scalar(self, p, object_type):
        value = p["value"] & 0xFFFFFFFF
        if p["kind"] == "scalar" and p["min"] == p["max"] and p["min"] and value == p["min"]:
            return (CB_SIZE, TYPES.index(object_type))  # the port's sizeof, not the host's
        return (VALUE, value)

    # ---- an input ---------------------------------------------------------
    def host_call(self, c):
        if c["caller"] != "A":
            raise NotExpressible("a call by module B: B runs no calls on the port")
        if "race" in c:
            raise NotExpressible("a racing rewrite of the extra-parameter array between the "
                                 "kernel's reads: the port's target has no second thread")
        self.looking_up = c["service"] in NAME_LOOKUPS
        types = [p["type"] for p in c["params"] if p["kind"] == "obj" and p["type"] in TYPES]
        params = [self.scalar(p, types[0] if types else None) if p["kind"] in ("scalar", "wait")
                  else self.pointer(p) for p in c["params"]]
        extra = c.get("extra")
        self.params.append(params + ([self.pointer(dict(extra, kind="in"))] if extra else []))
        if extra and len(params) > 3:
            where = self.params[-1][-1]
            if where[0] == SCRATCH:
                self.store_words(where[1], params[2:])
            params = params[:2] + [where]
            self.calls.append((c["request"], params))
        else:
            self.call(c["service"], params, self.calls)
        if c["service"].endswith(("_create", "_delete")) and c["status"] == 0:
            block = c["params"][0].get("block")
            if block:
                self.created.add(block["index"])


def translate(ids, description):
    """(port input bytes, number of fixture calls, each input call's
    parameters as translated) or raises NotExpressible."""
    if description["raw"]:
        raise NotExpressible("a raw load, store or jump: the port's target makes calls only")
    if description.get("requests"):
        raise NotExpressible("a request id no service has: the port's ids above the table "
                             "reach its probe's application requests")
    if description.get("full_pool"):
        raise NotExpressible("the object pool filled first: the port's fixture leaves it as it is")
    t = Translation(ids, description)
    for c in description["calls"]:
        t.host_call(c)
    calls = t.fixture + t.calls
    if len(calls) > MAX_CALLS:
        raise NotExpressible(f"{len(calls)} calls with the fixture's: the port's target makes {MAX_CALLS}")
    records = [store_record(offset + 8 * i, pair) for offset, data in t.stores
               for i, pair in enumerate(store_pairs(data))]
    records += [call_record(request, params) for request, params in calls]
    if len(records) > MAX_RECORDS:
        raise NotExpressible(f"{len(records)} records: the port's target reads {MAX_RECORDS}")
    return b"".join(records), len(t.fixture), t.params


def store_pairs(data):
    """A store's content as (class, value) pairs, two per record."""
    if isinstance(data, bytes):
        data = data + b"\0" * (-len(data) % 8)
        words = [(VALUE, w) for w in struct.unpack(f"<{len(data) // 4}I", data)]
    else:
        words = list(data) + [(VALUE, 0)] * (len(data) % 2)
    return [tuple(words[i:i + 2]) for i in range(0, len(words), 2)]


def store_record(offset, pair):
    (c1, v1), (c2, v2) = pair
    return bytes([STORE, VALUE, c1, c2]) + struct.pack("<3I", offset, v1, v2)


def call_record(request, params):
    (c0, v0), (c1, v1), (c2, v2) = params
    return bytes([request - 1, c0, c1, c2]) + struct.pack("<3I", v0 & 0xFFFFFFFF, v1 & 0xFFFFFFFF,
                                                          v2 & 0xFFFFFFFF)
