"""The labs beyond the tutorial: the GIL, deadlocks, Lock vs RLock, pools, asyncio, queues.

Pure Python like the rest of the engine: never imports Qt. Each lab has the shape of `Run`:
start(), stop(), join(timeout), snapshot(cursor), and a frozen result when every thread it
started has been joined.
"""
