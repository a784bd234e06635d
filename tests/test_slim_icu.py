"""The frozen build's slim ICU data keeps what Qt uses and stays a valid ICU data library."""

import importlib.util
import shutil
import struct
import sys
from pathlib import Path

import pytest

TOOL = Path(__file__).resolve().parents[1] / "resources" / "packaging" / "slim_icu.py"
_spec = importlib.util.spec_from_file_location("slim_icu", TOOL)
slim_icu = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(slim_icu)


def _header() -> bytes:
    # MappedData header (size, magic) + UDataInfo (little-endian, ASCII, 2-byte UChar, "CmnD")
    info = struct.pack("<HHBBBB4s4s4s", 20, 0, 0, 0, 2, 0, b"CmnD", b"\1\0\0\0", b"\3\0\0\0")
    return struct.pack("<HBB", 32, 0xDA, 0x27) + info + b"\0" * 8


@pytest.mark.parametrize("name", [
    "icudt73l/root.res", "icudt73l/en.res", "icudt73l/pool.res", "icudt73l/res_index.res",
    "icudt73l/zoneinfo64.res", "icudt73l/supplementalData.res", "icudt73l/nfkc.nrm",
    "icudt73l/coll/root.res", "icudt73l/coll/ucadata.icu", "icudt73l/zone/en.res",
])
def test_root_english_and_locale_free_data_stay(name):
    """Root and English data, pools, indexes and locale-free items are kept."""
    assert slim_icu.keep_item(name)


@pytest.mark.parametrize("name", [
    "icudt73l/de.res", "icudt73l/de_AT.res", "icudt73l/coll/de__PHONEBOOK.res",
    "icudt73l/coll/sv.res", "icudt73l/ibm-943_P15A-2003.cnv", "icudt73l/brkitr/root.res",
    "icudt73l/translit/root.res", "icudt73l/unames.icu", "icudt73l/rfc3491.spp",
])
def test_other_locales_converters_and_break_data_go(name):
    """Other locales, legacy converters, break iterators and the like are dropped."""
    assert not slim_icu.keep_item(name)


def test_common_data_round_trips_with_aligned_items():
    """Written common data reads back to the same items, each starting 16-byte aligned."""
    items = [("icudt73l/a.res", b"A" * 5), ("icudt73l/coll/b.res", b"B" * 40), ("icudt73l/c", b"C")]
    blob = slim_icu.write_common_data(_header(), items)
    header, read = slim_icu.read_common_data(blob)
    assert header == _header()
    assert [(name, data.rstrip(b"\0")) for name, data in read] == items
    count = struct.unpack_from("<I", blob, 32)[0]
    offsets = [struct.unpack_from("<II", blob, 36 + 8 * i)[1] for i in range(count)]
    assert all((32 + offset) % 16 == 0 for offset in offsets)


def test_anything_else_is_refused():
    """Data that is not little-endian ICU common data raises ValueError, not garbage."""
    with pytest.raises(ValueError):
        slim_icu.read_common_data(b"\0" * 64)
    with pytest.raises(ValueError):
        slim_icu.find_data_symbol(b"MZ" + b"\0" * 62)


def _qt_icu_data() -> Path:
    if not sys.platform.startswith("linux"):
        pytest.skip("Qt links ICU's data library only on Linux")
    spec = importlib.util.find_spec("PySide6")
    found = sorted(Path(spec.origin).parent.glob("Qt/lib/libicudata.so.*")) if spec else []
    if not found:
        pytest.skip("this PySide6 carries no ICU data library")
    return found[0]


def test_qt_s_own_icu_data_slims_to_a_valid_library(tmp_path):
    """Slimming the ICU data PySide6 ships gives a small library with exactly the kept items."""
    source = _qt_icu_data()
    if not (shutil.which("cc") or shutil.which("gcc")):
        pytest.skip("no C compiler driver to link the slim library")
    library = source.read_bytes()
    symbol, offset, size = slim_icu.find_data_symbol(library)
    _, items = slim_icu.read_common_data(library[offset:offset + size])
    kept = [name for name, _ in items if slim_icu.keep_item(name)]
    assert len(items) > 1000 and any(name.endswith("/zoneinfo64.res") for name in kept)

    target = slim_icu.slim_library(source, tmp_path)
    assert target.name == source.name and target.stat().st_size < 6 * 2**20
    slim = target.read_bytes()
    slim_symbol, slim_offset, slim_size = slim_icu.find_data_symbol(slim)
    assert slim_symbol == symbol
    _, slim_items = slim_icu.read_common_data(slim[slim_offset:slim_offset + slim_size])
    assert [name for name, _ in slim_items] == kept
    original = dict(items)
    assert all(data.rstrip(b"\0") == original[name].rstrip(b"\0") for name, data in slim_items)
