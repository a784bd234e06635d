"""Shrink the ICU data library Qt brings along (libicudata.so, 31 MB) to what Qt uses (~3 MB).

Qt Core on Linux links ICU, and ICU's data library holds every locale's names, calendars,
collations, legacy converters and break dictionaries: 31 of the build's MB. Qt (6.x) calls
ICU only for case mapping, collation (QCollator), time-zone display names and legacy text
codecs (QStringConverter by name); each falls back to ICU's root data or fails softly when a
locale's data is absent. Thread Lab, an English program, keeps:

- the root and English data of every tree, the trees' pools and indexes, and all locale-less
  items (normalization, time-zone rules, plural rules, likely subtags, ...);

and leaves out:

- legacy converters (*.cnv: UTF-8/16/32, Latin-1 and ASCII are built into ICU's code),
- break iterators and dictionaries (brkitr/), transliterators, rule-based number formats,
  character names, IDNA/StringPrep and spoof-check data (Qt has its own code for these),
- the other ~800 locales' data: ICU falls back to root for them.

Used by build.spec on Linux (set THREAD_LAB_FULL_ICU=1 to keep ICU whole). Needs a C
compiler driver (cc/gcc) to link the new library; without one the build keeps ICU whole.

    python resources/packaging/slim_icu.py libicudata.so.73 OUT_DIR   # writes OUT_DIR/libicudata.so.73
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

DROP_TREES = {"brkitr", "translit", "rbnf"}
DROP_TOP_LEVEL = re.compile(r".*\.cnv|.*\.spp|unames\.icu|confusables.*\.cfu|uts46\.nrm")
LOCALE = re.compile(r"[a-z]{2,3}(_[A-Za-z0-9]*)*\.res")  # de.res, de_AT.res, de__PHONEBOOK.res
KEEP_LOCALES = {"root.res", "en.res", "pool.res", "res_index.res"}


def keep_item(name: str) -> bool:
    """Whether ICU data item NAME (e.g. "icudt73l/coll/de.res") stays in the slim data."""
    parts = name.split("/")[1:]  # drop the package prefix "icudt73l"
    if len(parts) == 1:
        item = parts[0]
        if DROP_TOP_LEVEL.fullmatch(item):
            return False
    else:
        if parts[0] in DROP_TREES:
            return False
        item = parts[-1]
    return item in KEEP_LOCALES or not LOCALE.fullmatch(item)


def read_common_data(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """Split ICU common data ("CmnD", little-endian) into its header and (name, item) pairs."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    big_endian = blob[8]
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD" or big_endian:
        raise ValueError("not little-endian ICU common data")
    toc = header_size
    (count,) = struct.unpack_from("<I", blob, toc)
    entries = [struct.unpack_from("<II", blob, toc + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(entries):
        end = blob.index(b"\0", toc + name_at)
        name = blob[toc + name_at:end].decode("ascii")
        stop = toc + entries[i + 1][1] if i + 1 < count else len(blob)
        items.append((name, blob[toc + data_at:stop]))
    return blob[:header_size], items


def write_common_data(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """ICU common data holding ITEMS (kept in their sorted order) after HEADER."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    names_at = 4 + 8 * len(items)
    data_at = (names_at + len(names) + 15) // 16 * 16  # every item starts 16-byte aligned
    toc, offsets = bytearray(struct.pack("<I", len(items))), []
    name_offset = names_at
    for name, data in items:
        offsets.append(data_at)
        toc += struct.pack("<II", name_offset, data_at)
        name_offset += len(name) + 1
        data_at += (len(data) + 15) // 16 * 16
    body = bytearray(toc + names)
    for offset, (_, data) in zip(offsets, items):
        body += b"\0" * (offset - len(body)) + data
    return header + bytes(body)


def find_data_symbol(library: bytes) -> tuple[str, int, int]:
    """The (name, file offset, size) of ICU's data symbol (icudtNN_dat) in an ELF64 library."""
    if library[:4] != b"\x7fELF" or library[4] != 2 or library[5] != 1:
        raise ValueError("not a little-endian ELF64 library")
    shoff, = struct.unpack_from("<Q", library, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", library, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", library, shoff + i * shentsize)
                for i in range(shnum)]
    for _, kind, _, _, offset, size, link, _, _, entsize in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strtab = sections[link][4]
        for at in range(offset, offset + size, entsize):
            name_at, _, _, shndx, value, sym_size = struct.unpack_from("<IBBHQQ", library, at)
            end = library.index(b"\0", strtab + name_at)
            name = library[strtab + name_at:end].decode("ascii", "replace")
            if re.fullmatch(r"icudt\d+_dat", name) and shndx:
                _, _, _, addr, sec_offset, *_ = sections[shndx]
                return name, value - addr + sec_offset, sym_size
    raise ValueError("no icudtNN_dat symbol: not ICU's data library")


def slim_library(source: Path, out_dir: Path, cc: str | None = None) -> Path:
    """Write OUT_DIR/<same name>: SOURCE's ICU data library holding only the kept items."""
    cc = cc or shutil.which("cc") or shutil.which("gcc")
    if not cc:
        raise RuntimeError("no C compiler driver (cc) to link the slim ICU data library")
    library = source.read_bytes()
    symbol, offset, size = find_data_symbol(library)
    header, items = read_common_data(library[offset:offset + size])
    slim = write_common_data(header, [item for item in items if keep_item(item[0])])
    soname = source.name  # libicudata.so.73: the name libicuuc asks the loader for
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / soname
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "data.bin").write_bytes(slim)
        (Path(tmp) / "data.S").write_text(
            f'\t.section .rodata\n\t.globl {symbol}\n\t.type {symbol}, @object\n'
            f'\t.balign 16\n{symbol}:\n\t.incbin "data.bin"\n\t.size {symbol}, . - {symbol}\n'
            '\t.section .note.GNU-stack,"",@progbits\n'
        )
        subprocess.run(
            [cc, "-shared", "-nostdlib", f"-Wl,-soname,{soname}", "-o", str(target.resolve()),
             "data.S"],
            cwd=tmp, check=True,
        )
    return target


def main(argv: list[str]) -> int:
    """Command line: slim_icu.py LIBICUDATA OUT_DIR."""
    if len(argv) != 2:
        sys.stderr.write(__doc__.rsplit("\n\n", 1)[-1])
        return 2
    source = Path(argv[0])
    target = slim_library(source, Path(argv[1]))
    print(f"{source.name}: {source.stat().st_size / 2**20:.1f} MB -> "
          f"{target.stat().st_size / 2**20:.1f} MB ({target})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
