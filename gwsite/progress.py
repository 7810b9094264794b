"""What a long build is doing: a bar that redraws itself on a terminal, plain lines when
not a terminal (CI logs), nothing with ``-q``.  A build that is done within a second or
two prints nothing, so short builds and the problem lines stay uncluttered."""
from __future__ import annotations

import sys
import time

QUIET_FOR = 1.5  # seconds from the start during which nothing is shown
LINE_EVERY = 10  # percent: how often a plain-line stage reports its count


class Progress:
    """Reports stages (``stage``), counts within one (``advance``) and the end (``end``)."""

    def __init__(self, stream=None, enabled: bool = True) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and hasattr(self.stream, "isatty") and self.stream.isatty()
        self.started = time.monotonic()
        self.name, self.total, self.done, self.unit = "", 0, 0, "files"
        self._shown = False  # this stage's line is on screen (tty) or printed (plain)
        self._drawn = 0.0
        self._reported = 0  # plain lines: the last percentage printed

    def stage(self, name: str, total: int = 0, unit: str = "files") -> None:
        self.end()
        self.name, self.total, self.done, self.unit = name, total, 0, unit
        self._shown, self._reported = False, 0
        self._show(force=True)

    def advance(self, count: int = 1) -> None:
        self.done += count
        self._show()

    def end(self) -> None:
        if self.tty and self._shown:
            self._draw()
            self.stream.write("\n")
            self.stream.flush()
        self.name, self._shown = "", False

    def _show(self, force: bool = False) -> None:
        if not self.enabled or not self.name or time.monotonic() - self.started < QUIET_FOR:
            return
        if self.tty:
            now = time.monotonic()
            if force or now - self._drawn >= 0.1 or self.done >= self.total:
                self._draw()
            return
        if not self._shown:
            print(f"gwsite: {self.name}" + (f" {self.total} {self.unit}" if self.total else ""), file=self.stream, flush=True)
            self._shown = True
        if self.total:
            percent = 100 * self.done // self.total
            if percent >= self._reported + LINE_EVERY:
                self._reported = percent - percent % LINE_EVERY
                print(f"gwsite: {self.name} {self.done}/{self.total} ({self._reported} %)", file=self.stream, flush=True)

    def _draw(self) -> None:
        self._drawn = time.monotonic()
        self._shown = True
        if self.total:
            width = 30
            filled = width * min(self.done, self.total) // self.total
            line = f"gwsite: {self.name:<10} [{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total}"
        else:
            line = f"gwsite: {self.name} …"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()


QUIET = Progress(enabled=False)
