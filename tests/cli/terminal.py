"""Run the installed `coprodcite` command on a pseudo-terminal, as a user at a
terminal would, and read back what the screen shows (pyte emulates a VT terminal:
escape sequences take effect, lines that overwrite each other do)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import termios
from dataclasses import dataclass
from pathlib import Path

import pyte

from tests.cli.test_installed_command import coprodcite_command


@dataclass
class TerminalRun:
    returncode: int
    raw: bytes  # every byte written to the terminal
    columns: int
    lines: int

    @property
    def text(self) -> str:
        return self.raw.decode("utf-8", errors="replace")

    def screen(self) -> list[str]:
        """The lines the terminal shows at the end (history included), right-trimmed."""
        screen = pyte.HistoryScreen(self.columns, self.lines, history=100_000)
        pyte.ByteStream(screen).feed(self.raw)
        shown = [line.rstrip() for line in screen.display]
        history = [
            "".join(line[x].data for x in range(self.columns)).rstrip()
            for line in screen.history.top
        ]
        while shown and not shown[-1]:
            shown.pop()
        return history + shown


def base_env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COPRODCITE_")}
    env.update(
        COPRODCITE_LIBRARY=str(tmp_path / "lib.sqlite"),
        COPRODCITE_CONFIG=str(tmp_path / "none.toml"),
        COPRODCITE_CROSSREF_URL="http://127.0.0.1:9",
        COPRODCITE_DATACITE_URL="http://127.0.0.1:9",
        COPRODCITE_DOI_URL="http://127.0.0.1:9",
        TERM="xterm-256color",
    )
    env.pop("NO_COLOR", None)
    env.pop("FORCE_COLOR", None)
    return env


def run_on_terminal(
    *args: str,
    env: dict[str, str],
    columns: int = 100,
    lines: int = 30,
    cwd: Path | None = None,
) -> TerminalRun:
    """``coprodcite ARGS`` with stdout and stderr on one pseudo-terminal of that size."""
    main, child = pty.openpty()
    fcntl.ioctl(child, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    env = {**env, "COLUMNS": str(columns), "LINES": str(lines)}
    process = subprocess.Popen(
        coprodcite_command() + list(args),
        stdin=subprocess.DEVNULL,
        stdout=child,
        stderr=child,
        env=env,
        cwd=cwd,
        close_fds=True,
    )
    os.close(child)
    chunks = []
    try:
        while True:
            ready, _, _ = select.select([main], [], [], 120)
            if not ready:  # a hang, not a timing: fail rather than wait for ever
                process.kill()
                raise AssertionError(f"coprodcite {' '.join(args)} printed nothing for 120 s")
            try:
                data = os.read(main, 65536)
            except OSError:  # EIO: every writer has closed the terminal
                break
            if not data:
                break
            chunks.append(data)
    finally:
        os.close(main)
    return TerminalRun(process.wait(timeout=120), b"".join(chunks), columns, lines)
