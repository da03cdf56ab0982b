#!/usr/bin/env python3
"""Which GPUs can run the CUDA code a shared library ships (e.g. ND4J's libnd4jcuda.so for the -Pcuda profile).

  scan LIB [--extract OUT [--blob N]]
                             list the code objects in LIB's .nv_fatbin section: per kind (cubin = machine code for
                             one SM architecture, PTX = portable code the driver can compile for newer GPUs) and SM;
                             --extract writes LIB's N-th fatbin blob (default 0) to OUT, for a `load` on a GPU machine
  load FILE...               ask the CUDA driver of the machine's first GPU to load each fatbin / cubin / PTX file
                             (cuModuleLoadData) and print the device, its compute capability and the driver's answer

A GPU runs a library's kernels only if the library holds a cubin of the GPU's major architecture (sm_80 code runs on
sm_86, never on sm_90) or PTX it can compile. Needs only the Python standard library (and libcuda for `load`).
"""
import argparse
import collections
import ctypes
import struct
import sys

FATBIN_MAGIC = 0xBA55ED50
KINDS = {1: "PTX", 2: "cubin"}


def elf_section(path, wanted):
    """(offset, size) of the named section of a 64-bit little-endian ELF file."""
    with open(path, "rb") as f:
        head = f.read(64)
        if head[:4] != b"\x7fELF" or head[4] != 2:
            sys.exit(f"{path}: not a 64-bit ELF file")
        shoff, = struct.unpack_from("<Q", head, 0x28)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", head, 0x3A)
        f.seek(shoff)
        table = f.read(shentsize * shnum)
        sections = [struct.unpack_from("<IIQQQQ", table, i * shentsize) for i in range(shnum)]
        names_off, names_size = sections[shstrndx][4], sections[shstrndx][5]
        f.seek(names_off)
        names = f.read(names_size)
    for name_idx, _type, _flags, _addr, offset, size in sections:
        if names[name_idx:names.index(b"\0", name_idx)].decode() == wanted:
            return offset, size
    sys.exit(f"{path}: no {wanted} section (no CUDA device code in it)")


def fatbin_entries(data):
    """Yields (blob offset, blob size, kind, sm) for every code object in a .nv_fatbin section."""
    pos = 0
    while pos + 16 <= len(data):
        magic, _version, header, size = struct.unpack_from("<IHHQ", data, pos)
        if magic != FATBIN_MAGIC:
            pos += 8  # blobs are 8-byte aligned
            continue
        entry, end = pos + header, pos + header + size
        while entry < end:
            kind, _ver, entry_header, padded = struct.unpack_from("<HHII", data, entry)
            sm, = struct.unpack_from("<I", data, entry + 28)
            yield pos, header + size, KINDS.get(kind, f"kind {kind}"), sm
            entry += entry_header + padded
        pos = end


def scan(lib, extract, index):
    offset, size = elf_section(lib, ".nv_fatbin")
    with open(lib, "rb") as f:
        f.seek(offset)
        data = f.read(size)
    counts, blobs = collections.Counter(), {}
    for blob, blob_size, kind, sm in fatbin_entries(data):
        blobs[blob] = blob_size
        counts[kind, sm] += 1
    print(f"{lib}: .nv_fatbin {size / 2**20:.0f} MiB in {len(blobs)} fatbin blobs")
    for (kind, sm), n in sorted(counts.items()):
        print(f"  {kind:5s} sm_{sm}: {n}")
    if not any(kind == "PTX" for kind, _ in counts):
        newest = max(sm for _, sm in counts)
        print(f"  no PTX: GPUs newer than sm_{newest}'s major architecture cannot run this library's kernels")
    if extract:
        if not 0 <= index < len(blobs):
            sys.exit(f"--blob {index}: {lib} has blobs 0 to {len(blobs) - 1}")
        blob = sorted(blobs)[index]
        with open(extract, "wb") as out:
            out.write(data[blob:blob + blobs[blob]])
        print(f"wrote {extract}: blob {index}, {blobs[blob]} bytes")


def load(files):
    try:
        cuda = ctypes.CDLL("libcuda.so.1")
    except OSError as e:
        sys.exit(f"load: no CUDA driver on this machine ({e})")

    def check(rc, what):
        if rc != 0:
            sys.exit(f"{what}: {error_name(rc)}")

    def error_name(rc):
        name = ctypes.c_char_p()
        cuda.cuGetErrorName(rc, ctypes.byref(name))
        return f"{name.value.decode() if name.value else 'CUDA error'} ({rc})"

    check(cuda.cuInit(0), "cuInit")
    dev, major, minor = ctypes.c_int(), ctypes.c_int(), ctypes.c_int()
    check(cuda.cuDeviceGet(ctypes.byref(dev), 0), "cuDeviceGet")
    name = ctypes.create_string_buffer(256)
    cuda.cuDeviceGetName(name, 256, dev)
    cuda.cuDeviceGetAttribute(ctypes.byref(major), 75, dev)  # CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR
    cuda.cuDeviceGetAttribute(ctypes.byref(minor), 76, dev)  # ..._MINOR
    ctx = ctypes.c_void_p()
    check(cuda.cuDevicePrimaryCtxRetain(ctypes.byref(ctx), dev), "cuDevicePrimaryCtxRetain")
    check(cuda.cuCtxSetCurrent(ctx), "cuCtxSetCurrent")
    print(f"device 0: {name.value.decode()}, compute capability {major.value}.{minor.value} (sm_{major.value}{minor.value})")
    failed = 0
    for path in files:
        image = open(path, "rb").read()
        if path.endswith(".ptx"):
            image += b"\0"
        module = ctypes.c_void_p()
        rc = cuda.cuModuleLoadData(ctypes.byref(module), ctypes.c_char_p(image))
        print(f"  {path}: {'loaded' if rc == 0 else 'refused: ' + error_name(rc)}")
        if rc == 0:
            cuda.cuModuleUnload(module)
        else:
            failed += 1
    return 1 if failed else 0


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("scan")
    s.add_argument("lib")
    s.add_argument("--extract")
    s.add_argument("--blob", type=int, default=0)
    ld = sub.add_parser("load")
    ld.add_argument("files", nargs="+")
    a = p.parse_args()
    sys.exit(scan(a.lib, a.extract, a.blob) if a.command == "scan" else load(a.files))


if __name__ == "__main__":
    main()
