#!/usr/bin/env python3
"""gf_pkey_qemu.py — run the pkey tests natively, or in QEMU when the CPU lacks PKU.

The pkey backend needs a CPU with protection keys (PKU) and a kernel that
enables them (OSPKE).  Where this machine has neither, QEMU's TCG emulates
PKU (-cpu max), and a stock Debian kernel runs the tests as on hardware.
The VM is booted once for all tests (.iso.pkey.qemu):

  kernel     linux-image-<version>-amd64, the package linux-image-amd64
             depends on: taken from build/debs/ when `gatefuzz deps` put it
             there, else fetched with `apt-get download`; only its vmlinuz
             is extracted (from `dpkg-deb --fsys-tarfile`) into the cache,
             and reused from there.
  initramfs  a newc cpio written here: /init (qemu_init.c, static), the list
             of tests, each test program at its host path, and every
             argument that is an absolute path of an existing file or folder
             (data such as a corpus) at the same path, so the same command
             line works on the host and in the VM.  Dynamic programs bring
             their loader and libraries (from ldd); static ones need nothing.
  boot       qemu-system-x86_64 -accel tcg -cpu max ... with a timeout; the
             console is parsed for @@gf-result lines (qemu_init.c).

Commands:
  run     LIST                boot once, print every test, exit 0 when all pass
  exec    PROGRAM [ARG ...]   boot once for one program (the bench, say)
  setup   LIST --state FILE   for ctest's fixture: decide native / QEMU /
                              unavailable, boot when QEMU, record the results
  result  LIST --state FILE --name N
                              for one ctest entry: run N natively, or replay
                              its recorded QEMU output and exit code, or skip
LIST: one test a line, TAB separated: name, timeout seconds, NAME=VALUE
environment settings (any number), program, arguments.
GATEFUZZ_PKEY_MODE=qemu forces the VM even on a PKU machine (to test it).
"""
import argparse
import ctypes
import errno
import fcntl
import glob
import itertools
import json
import os
import re
import shutil
import stat
import subprocess
import sys
import tarfile
import tempfile
import time

SKIP = 77  # ctest SKIP_RETURN_CODE of the pkey entries
ENV_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")  # a list's NAME=VALUE field
QEMU = "qemu-system-x86_64"


# ---- where are we ---------------------------------------------------------

def native_pku():
    """(True, why) when pkey_alloc works here — the backend's own probe."""
    libc = ctypes.CDLL(None, use_errno=True)
    if not hasattr(libc, "pkey_alloc"):
        return False, "this libc has no pkey_alloc"
    key = libc.pkey_alloc(0, 0)
    if key < 0:
        err = ctypes.get_errno()
        return False, "pkey_alloc failed: %s (%s)" % (
            errno.errorcode.get(err, str(err)), os.strerror(err))
    libc.pkey_free(key)
    return True, "pkey_alloc succeeded"


# ---- the kernel -----------------------------------------------------------

def kernel_package():
    """linux-image-<version>-amd64, as linux-image-amd64 depends on it."""
    out = subprocess.run(["apt-cache", "depends", "linux-image-amd64"],
                         capture_output=True, text=True, check=True).stdout
    m = re.search(r"Depends:\s*(linux-image-\S+-amd64)\b", out)
    if not m:
        raise RuntimeError("apt-cache depends linux-image-amd64 names no "
                           "linux-image-*-amd64 (run apt-get update?)")
    return m.group(1)


def cached_kernel(cache):
    kdir = os.path.join(cache, "kernel")
    found = sorted(os.path.join(kdir, d, "vmlinuz")
                   for d in (os.listdir(kdir) if os.path.isdir(kdir) else ()))
    found = [k for k in found if os.path.isfile(k)]
    return found[-1] if found else None


def extract_vmlinuz(deb, dest):
    """Streams the package's file system and keeps only boot/vmlinuz-*."""
    dpkg = subprocess.Popen(["dpkg-deb", "--fsys-tarfile", deb],
                            stdout=subprocess.PIPE)
    try:
        with tarfile.open(fileobj=dpkg.stdout, mode="r|") as t:
            for member in t:
                if re.fullmatch(r"(\./)?boot/vmlinuz-.*", member.name):
                    with t.extractfile(member) as src, \
                            open(dest + ".part", "wb") as dst:
                        shutil.copyfileobj(src, dst)
                    os.rename(dest + ".part", dest)
                    return
    finally:
        dpkg.kill()
        dpkg.wait()
    raise RuntimeError("%s holds no boot/vmlinuz-*" % deb)


def fetch_kernel(cache, debs):
    """The vmlinuz path, extracted once per cache from the package in debs
    (where `gatefuzz deps` downloads it) or from an apt-get download."""
    os.makedirs(cache, exist_ok=True)
    # Two builds (presets) may share the cache: fetch under a lock.
    with open(os.path.join(cache, ".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        have = cached_kernel(cache)
        if have:
            return have
        package = kernel_package()
        kdir = os.path.join(cache, "kernel", package)
        os.makedirs(kdir, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=cache) as tmp:
            have = glob.glob(os.path.join(debs, package + "_*.deb"))
            if not have:
                got = subprocess.run(["apt-get", "download", package], cwd=tmp,
                                     capture_output=True, text=True)
                if got.returncode != 0:
                    raise RuntimeError("apt-get download %s failed: %s"
                                       % (package, got.stderr.strip()))
                have = glob.glob(os.path.join(tmp, "*.deb"))
            extract_vmlinuz(have[0], os.path.join(kdir, "vmlinuz"))
        return cached_kernel(cache)


# ---- the initramfs --------------------------------------------------------

class Cpio:
    """A newc ("070701") archive, the format the kernel unpacks."""

    def __init__(self):
        self.parts, self.names, self.ino = [], set(), 1

    def _entry(self, name, mode, data=b"", rdev=(0, 0)):
        fields = [self.ino, mode, 0, 0, 1, 0, len(data), 0, 0,
                  rdev[0], rdev[1], len(name) + 1, 0]
        self.ino += 1
        head = b"070701" + b"".join(b"%08X" % f for f in fields)
        head += name.encode() + b"\0"
        self.parts += [head, b"\0" * (-len(head) % 4),
                       data, b"\0" * (-len(data) % 4)]

    def directory(self, name):
        name = name.strip("/")
        if not name or name in self.names:
            return
        self.directory(os.path.dirname(name))
        self.names.add(name)
        self._entry(name, stat.S_IFDIR | 0o755)

    def file(self, name, data, mode=0o755):
        name = name.strip("/")
        if name in self.names:
            return
        self.directory(os.path.dirname(name))
        self.names.add(name)
        self._entry(name, stat.S_IFREG | mode, data)

    def host_path(self, path):
        """Copies a host file or folder (recursively) to the same path."""
        if os.path.isdir(path):
            self.directory(path)
            for entry in sorted(os.listdir(path)):
                self.host_path(os.path.join(path, entry))
        elif os.path.isfile(path):
            with open(path, "rb") as f:
                self.file(path, f.read(), os.stat(path).st_mode & 0o777)

    def char_device(self, name, major, minor):
        self.directory(os.path.dirname(name.strip("/")))
        self.names.add(name.strip("/"))
        self._entry(name.strip("/"), stat.S_IFCHR | 0o600, rdev=(major, minor))

    def bytes(self):
        self._entry("TRAILER!!!", 0)
        blob = b"".join(self.parts)
        return blob + b"\0" * (-len(blob) % 512)


def shared_libraries(program):
    """The loader and libraries a dynamic program needs; [] when static."""
    out = subprocess.run(["ldd", program], capture_output=True, text=True)
    if out.returncode != 0:  # "not a dynamic executable"
        return []
    return re.findall(r"(/\S+) \(0x", out.stdout)


def without_debug_info(program):
    """The program's bytes less its debug sections: a third of a test
    program's size, which the emulated kernel would unpack for nothing."""
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "stripped")
        subprocess.run(["objcopy", "--strip-debug", program, out], check=True)
        with open(out, "rb") as f:
            return f.read()


def build_initramfs(tests, init, path):
    archive = Cpio()
    archive.char_device("dev/console", 5, 1)
    with open(init, "rb") as f:
        archive.file("init", f.read())
    lines = []
    for t in tests:
        archive.file(t["argv"][0], without_debug_info(t["argv"][0]))
        for lib in shared_libraries(t["argv"][0]):
            archive.host_path(lib)
        for arg in t["argv"][1:]:
            if os.path.isabs(arg) and os.path.exists(arg):
                archive.host_path(arg)
        lines.append("\t".join([t["name"], str(t["timeout"])] + t["env"]
                               + t["argv"]))
    archive.file("gf/tests.list", ("\n".join(lines) + "\n").encode(), 0o644)
    with open(path, "wb") as f:
        f.write(archive.bytes())


# ---- the VM ---------------------------------------------------------------

def boot(kernel, initrd, timeout):
    """(console text, None) or (partial console text, why it failed)."""
    # The kernel holds the archive and its unpacked files at once, so a big
    # initramfs (the sanitizer presets' programs) gets more than 512 MiB.
    memory = max(512, 3 * (os.path.getsize(initrd) >> 20) + 256)
    cmd = [QEMU, "-accel", "tcg", "-cpu", "max", "-smp", "2", "-m", str(memory),
           "-nographic", "-no-reboot", "-kernel", kernel, "-initrd", initrd,
           "-append", "console=ttyS0 panic=-1 quiet"]
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                           capture_output=True, timeout=timeout)
        console, failure = p.stdout, None
        if p.returncode != 0:
            failure = "%s exited %d: %s" % (
                QEMU, p.returncode, p.stderr.decode(errors="replace").strip())
    except subprocess.TimeoutExpired as e:
        console = e.stdout or b""
        failure = "the VM did not finish within %d s" % timeout
    return console.decode(errors="replace").replace("\r", ""), failure


def parse_console(console, tests):
    """{name: {"result": "exit=0", "output": text}} from the console."""
    results, current, output = {}, None, []
    for line in console.split("\n"):
        begin = re.fullmatch(r"@@gf-begin (\S+)", line)
        end = re.fullmatch(r"@@gf-result (\S+) (\w+=\S+)(?: seconds=(\S+))?",
                           line)
        if begin:
            current, output = begin.group(1), []
        elif end and end.group(1) == current:
            results[current] = {"result": end.group(2),
                                "seconds": float(end.group(3) or 0),
                                "output": "\n".join(output)}
            current = None
        elif current:
            output.append(line)
    for t in tests:
        results.setdefault(t["name"], {
            "result": "missing", "seconds": 0,
            "output": "no result on the console; its last lines:\n"
                      + "\n".join(console.split("\n")[-25:])})
    cpu = re.search(r"@@gf-cpu (.*)", console)
    return results, cpu.group(1) if cpu else "unknown"


def exit_code(result):
    """The exit code a ctest entry reports for a recorded result."""
    kind, _, value = result.partition("=")
    return int(value) if kind == "exit" else 1


def run_in_vm(tests, args):
    kernel = fetch_kernel(args.cache, args.debs)
    initrd = os.path.join(args.cache, "initrd-%d.cpio" % os.getpid())
    build_initramfs(tests, args.init, initrd)
    try:
        start = time.monotonic()
        console, failure = boot(kernel, initrd, args.timeout)
        seconds = time.monotonic() - start
    finally:
        os.unlink(initrd)
    results, cpu = parse_console(console, tests)
    return {"mode": "qemu", "kernel": os.path.basename(os.path.dirname(kernel)),
            "cpu": cpu, "seconds": round(seconds, 1), "failure": failure,
            "results": results}


def qemu_missing():
    if not shutil.which(QEMU):
        return "%s is not installed (Debian package qemu-system-x86)" % QEMU
    return None


# ---- commands -------------------------------------------------------------

def read_list(path):
    tests = []
    with open(path) as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            env = list(itertools.takewhile(ENV_FIELD.match, fields[2:]))
            if len(fields) > 2 + len(env):
                tests.append({"name": fields[0], "timeout": int(fields[1]),
                              "env": env, "argv": fields[2 + len(env):]})
    return tests


def vm_banner(state):
    return ("ran under QEMU (TCG, -cpu max; kernel %s; guest cpu %s; "
            "VM %.1f s — emulated, timings mean nothing)%s"
            % (state["kernel"], state["cpu"], state["seconds"],
               " because " + state["why"] if "why" in state else ""))


def cmd_run(args):
    tests = read_list(args.list) if args.command == "run" else [
        {"name": os.path.basename(args.program[0]), "timeout": args.timeout,
         "env": [], "argv": [os.path.abspath(args.program[0])] + args.program[1:]}]
    state = run_in_vm(tests, args)
    print("pkey: " + vm_banner(state))
    failed = 0
    for t in tests:
        r = state["results"][t["name"]]
        print("---- %s (%s)\n%s" % (t["name"], r["result"], r["output"]))
        failed += exit_code(r["result"]) not in (0, SKIP)
    if state["failure"]:
        print("pkey: " + state["failure"])
    print("pkey: %d passed, %d failed" % (len(tests) - failed, failed))
    return 1 if failed or state["failure"] else 0


def cmd_setup(args):
    tests = read_list(args.list)
    have, why = native_pku()
    if have and os.environ.get("GATEFUZZ_PKEY_MODE") != "qemu":
        state = {"mode": "native", "why": "this CPU has PKU: " + why}
    else:
        why = "this CPU has no usable PKU: " + why if not have else \
            "GATEFUZZ_PKEY_MODE=qemu"
        missing = qemu_missing()
        if missing:
            state = {"mode": "unavailable", "why": why + "; " + missing}
        else:
            try:
                state = run_in_vm(tests, args)
                state["why"] = why
            except (OSError, RuntimeError, subprocess.CalledProcessError) as e:
                state = {"mode": "unavailable",
                         "why": "%s; QEMU could not be set up: %s" % (why, e)}
    with open(args.state, "w") as f:
        json.dump(state, f, indent=1)
    if state["mode"] != "qemu":
        print("pkey: mode %s — %s" % (state["mode"], state["why"]))
    if state["mode"] == "qemu":
        print("pkey: " + vm_banner(state))
        for name, r in state["results"].items():
            print("pkey: %-40s %-10s %6.2f s" % (name, r["result"], r["seconds"]))
        if state["failure"]:
            print("pkey: " + state["failure"])
    return 0


def cmd_result(args):
    test = next(t for t in read_list(args.list) if t["name"] == args.name)
    with open(args.state) as f:
        state = json.load(f)
    if state["mode"] == "native":
        print("pkey: running natively (%s)" % state["why"], flush=True)
        env = dict(os.environ, **dict(e.split("=", 1) for e in test["env"]))
        return subprocess.run(test["argv"], env=env).returncode
    if state["mode"] == "unavailable":
        print("pkey: SKIPPED — %s" % state["why"])
        return SKIP
    r = state["results"][args.name]
    print("pkey: " + vm_banner(state))
    print(r["output"])
    print("pkey: result in the VM: %s (%.2f s)" % (r["result"], r["seconds"]))
    if state["failure"]:
        print("pkey: " + state["failure"])
    return exit_code(r["result"])


def main():
    build = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                         "..", "..", "..", "build")
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = p.add_subparsers(dest="command", required=True)
    for name in ("run", "exec", "setup", "result"):
        s = sub.add_parser(name)
        if name in ("run", "exec", "setup"):
            s.add_argument("--init", required=True,
                           help="the static qemu_init program")
            s.add_argument("--cache", default=os.path.join(build, "pkey-qemu"),
                           help="where the extracted kernel is kept")
            s.add_argument("--debs", default=os.path.join(build, "debs"),
                           help="where `gatefuzz deps` put downloaded packages")
            s.add_argument("--timeout", type=int, default=200,
                           help="seconds the whole VM may take")
        if name in ("setup", "result"):
            s.add_argument("--state", required=True)
        if name == "result":
            s.add_argument("--name", required=True)
        if name == "exec":
            s.add_argument("program", nargs=argparse.REMAINDER)
        else:
            s.add_argument("list")
    args = p.parse_args()
    return {"run": cmd_run, "exec": cmd_run, "setup": cmd_setup,
            "result": cmd_result}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
