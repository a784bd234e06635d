"""`python -m thread_lab`: the same as the `thread-lab` command; also the frozen build's entry."""

import os
import sys

# Thread Lab's numpy only fills plot buffers: one BLAS thread is plenty, and letting OpenBLAS
# start a pool of threads at `import numpy` costs ~50 ms of every start.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

if __name__ == "__main__":
    if getattr(sys, "frozen", False):
        # A ProcessPoolExecutor worker of the frozen program is the program started again:
        # here it runs its job and exits, before anything else is loaded.
        import multiprocessing

        multiprocessing.freeze_support()
        if sys.stdout is None or sys.stderr is None:  # a windowed .exe on Windows: no console
            sys.stdout = sys.stdout or open(os.devnull, "w")  # noqa: SIM115 - lives as we do
            sys.stderr = sys.stderr or open(os.devnull, "w")  # noqa: SIM115

    from thread_lab.cli import main

    sys.exit(main())
