"""The bytecode of a lesson's shared operations, read with `dis` from the class that runs.

Nothing here is written by hand: the instructions, their source lines, which instruction reads
or writes the counter, and where CPython may switch threads all come from the running Python's
own compiler, so the pane is right on every Python version the lab runs on.
"""

from __future__ import annotations

import dis
import inspect
import sys
from dataclasses import dataclass, field

# Since CPython 3.10 a thread gives up the GIL only where the interpreter checks for a pending
# switch: on entering a function (so at every call of Python code), after calls of C code, and at
# backward jumps (loops). `with` calls the lock's __enter__ and __exit__, so it is such a place.
_CALL_LIKE = ("BEFORE_WITH", "SETUP_WITH", "JUMP_BACKWARD")

OP_LABELS = {  # each marks one step of a stepped run
    "read": "◀ read",
    "write": "◀ write",
    "acquire": "◀ take lock",
    "release": "◀ release lock",
    "file1": "◀ 1st half",
    "file2": "◀ 2nd half",
}


@dataclass(frozen=True)
class Row:
    """One row of the bytecode pane: a source line (header) or one instruction."""

    text: str
    line: int | None  # the source line number it belongs to
    op: str | None = None  # the shared operation this instruction performs (see OP_LABELS)
    switch: bool = False  # CPython 3.10+ may switch threads at this instruction
    header: bool = False


@dataclass(frozen=True)
class LessonCode:
    """The source of a lesson class and the bytecode of the lines that touch shared state."""

    name: str
    source: str  # the class's source, "" when this build has no .py files
    rows: tuple[Row, ...]
    op_lines: dict[str, int] = field(default_factory=dict)  # op → 0-based line of `source`
    op_rows: dict[str, int] = field(default_factory=dict)  # op → index in `rows`
    switch_between: bool | None = None  # counter lessons: a switch point between read and write

    def line_of(self, op: str, mid_line: bool = False) -> int | None:
        """The source line (0-based) of a thread parked before `op`."""
        return self.op_lines.get(_key(op, mid_line))

    def row_of(self, op: str, mid_line: bool = False) -> int | None:
        """The bytecode row of a thread parked before `op`."""
        return self.op_rows.get(_key(op, mid_line))


def _key(op: str, mid_line: bool) -> str:
    if op == "file":
        return "file2" if mid_line else "file1"
    return op


def _numbered(instructions):
    """Each instruction with its source line (carried forward where Python gives none)."""
    line = None
    for ins in instructions:
        n = getattr(ins, "line_number", None)  # Python 3.13+
        if n is None:
            pos = getattr(ins, "positions", None)  # 3.11, 3.12
            n = pos.lineno if pos is not None and pos.lineno else None
        if n is None and type(ins.starts_line) is int:  # 3.10
            n = ins.starts_line
        line = n if n is not None else line
        yield ins, line


def _is_call(ins) -> bool:
    return ins.opname.startswith("CALL") and not ins.opname.startswith("CALL_INTRINSIC")


def _may_switch(ins) -> bool:
    if _is_call(ins) or ins.opname in _CALL_LIKE:
        return True
    return ins.opname == "JUMP_ABSOLUTE" and isinstance(ins.argval, int) and ins.argval < ins.offset


def lesson_code(cls: type, *, lock: bool = True) -> LessonCode:
    """Read the lesson class's run(): its source, and the bytecode of its shared operations.

    With `lock` False the listing leaves out the `with self.lock:` instructions (the switched-off
    lock does nothing there); the source lines of the lock are still found.
    """
    func = inspect.unwrap(cls.run)
    numbered = list(_numbered(dis.get_instructions(func)))
    try:
        source_lines, first = inspect.getsourcelines(cls)
        source = "".join(source_lines)
    except (OSError, TypeError):  # a frozen build ships no .py files
        source_lines, first, source = [], 0, ""

    ops: dict[int, str] = {}  # instruction index → op
    lock_line = None
    for i, (ins, line) in enumerate(numbered):
        if ins.argval == "counter" and ins.opname.startswith("LOAD_ATTR") and "read" not in ops.values():
            ops[i] = "read"
        elif ins.argval == "counter" and ins.opname == "STORE_ATTR" and "write" not in ops.values():
            ops[i] = "write"
        elif ins.argval == "write" and i and numbered[i - 1][0].argval == "file":
            call = next((j for j in range(i + 1, len(numbered)) if _is_call(numbered[j][0])), None)
            if call is not None:
                ops[call] = "file1" if "file1" not in ops.values() else "file2"
        elif ins.argval == "lock" and lock_line is None and ins.opname.startswith("LOAD_ATTR"):
            lock_line = line
    shared = sorted(ops)
    if not shared:
        return LessonCode(cls.__name__, source, ())
    start, end = shared[0], shared[-1]
    if lock_line is not None:
        # `with self.lock:` — the lock is taken where the with block starts (BEFORE_WITH, or the
        # call of __enter__) and released by the call of __exit__ after the block.
        def enters(i: int) -> bool:
            ins, line = numbered[i]
            return line == lock_line and (ins.opname in ("BEFORE_WITH", "SETUP_WITH") or _is_call(ins))

        enter = next((i for i in range(start - 1, -1, -1) if enters(i)), None)
        leave = next((i for i in range(end + 1, len(numbered))
                      if numbered[i][1] == lock_line and _is_call(numbered[i][0])), None)
        if enter is not None and leave is not None:
            ops[enter], ops[leave] = "acquire", "release"
            if lock:
                start, end = enter, leave
    # Whole lines: from the first instruction of the first line to the last of the last; after
    # __exit__'s call only its POP_TOP (what follows on that line is the exception path).
    while start > 0 and numbered[start - 1][1] == numbered[start][1]:
        start -= 1
    if ops.get(end) == "release":
        if end + 1 < len(numbered) and numbered[end + 1][0].opname == "POP_TOP":
            end += 1
    else:
        while end + 1 < len(numbered) and numbered[end + 1][1] == numbered[end][1]:
            end += 1

    rows: list[Row] = []
    op_rows: dict[str, int] = {}
    op_lines: dict[str, int] = {}
    current = object()
    for i, op in ops.items():
        if op in ("acquire", "release") and source_lines and numbered[i][1] is not None:
            op_lines[op] = numbered[i][1] - first
    for i in range(start, end + 1):
        ins, line = numbered[i]
        if line != current:
            current = line
            known = source_lines and line is not None and 0 <= line - first < len(source_lines)
            text = source_lines[line - first].strip() if known else ""
            rows.append(Row(f"line {line}: {text}" if text else f"line {line}", line, header=True))
        op = ops.get(i)
        switch = _may_switch(ins)
        note = OP_LABELS[op] if op else ""
        if switch:
            note = f"{note}  ⇄" if note else "⇄"
        arg = ins.argrepr or ("" if ins.arg is None else str(ins.arg))
        text = f"    {ins.opname:<13} {arg}".rstrip()
        rows.append(Row(f"{text:<30} {note}".rstrip(), line, op, switch))
        if op:
            op_rows[op] = len(rows) - 1
            if source_lines and line is not None:
                op_lines[op] = line - first
    switch_between = None
    if "read" in op_rows and "write" in op_rows:
        a, b = op_rows["read"], op_rows["write"]
        switch_between = any(r.switch for r in rows[a + 1:b])
    return LessonCode(cls.__name__, source, tuple(rows), op_lines, op_rows, switch_between)


def explain(code: LessonCode) -> str:
    """Why the read and the write are separate steps, and where CPython can switch threads."""
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    if code.switch_between is None:
        return (
            "Each file write is one call, one step. The line is written in two calls, and "
            "a call is a place where CPython may switch threads (⇄): another thread's write can "
            "fall between the two halves."
        )
    where = "Since Python 3.10, CPython switches threads only at ⇄: calls and backward jumps."
    if code.switch_between:
        return (
            "The read (LOAD_ATTR counter) and the write (STORE_ATTR counter) are separate "
            "instructions; in between, the thread holds the value it read. "
            f"{where} Here the pause is a call between them, so a switch there really happens: "
            f"another thread reads the same old number, and one update is lost. (Python {version}.)"
        )
    return (
        "counter += 1 is three instructions: LOAD_ATTR reads the counter, BINARY_OP adds 1 on the "
        "thread's own stack, STORE_ATTR writes it back. A thread that runs in between reads the "
        f"same old number: one update is lost. {where} None lies between this read and this "
        f"write, so on Python {version} the bare += practically never loses one — but nothing "
        "promises it (older Pythons, free-threaded Python). Here the counter waits for your "
        "click, which is a call: you can switch."
    )
