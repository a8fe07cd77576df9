"""Stand-ins for a ThreadX tree: the files and directories the front end
requires, nearly empty, and tarballs of them. The tests never use a real
tree."""
import io
import os
import tarfile

# written out here rather than read from the front end, so that a
# requirement it dropped would fail the tests
PARTS = ("common/inc/tx_api.h", "common/src/tx_thread_create.c", "common_modules/inc/txm_module.h",
         "common_modules/module_manager/src/txm_module_manager_kernel_dispatch.c",
         "common_modules/module_manager/inc/txm_module_manager_dispatch.h",
         "common_modules/module_lib/src/")


def make_tree(root, omit=()):
    """A tree at `root` with every part but those in `omit`; returns `root`."""
    for part in PARTS:
        if part in omit:
            continue
        path = root / part
        if part.endswith("/"):
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"/* {part} */\n")
    return root


def make_tarball(tarball, tree, top="threadx-9.9", mtime=None, extra=()):
    """A .tar.gz of the directory `tree` under the top-level directory
    `top`, then the `extra` members, (name, tarfile type, link name) each:
    names tarfile would never write itself. Its modification time is set
    to `mtime` when given."""
    with tarfile.open(tarball, "w:gz") as archive:
        archive.add(tree, arcname=top)
        for name, kind, linkname in extra:
            member = tarfile.TarInfo(name)
            member.type, member.linkname = kind, linkname
            archive.addfile(member, io.BytesIO(b"") if kind == tarfile.REGTYPE else None)
    if mtime is not None:
        os.utime(tarball, (mtime, mtime))
    return tarball
