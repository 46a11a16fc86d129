"""Coverage-guided fuzzing of every reader with atheris (libFuzzer for Python), the
long-running companion of the Hypothesis property in tests/faults/test_fuzz_readers.py:
the same check (every reader returns entries and FormatErrors or raises one
CoprodciteError; what it reads normalises, exports valid CSL-JSON and writes in every
format), started from the same seed files. atheris is optional (`pip install atheris`);
it is not a test dependency. Run:

    python bench/fuzz_readers.py -runs=20000          # then prints what it covered
    python bench/fuzz_readers.py -max_total_time=600 CORPUS_DIR

A crash leaves the input in ./crash-* and the traceback on stderr.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

try:
    import atheris
except ImportError:  # pragma: no cover
    sys.exit("atheris is not installed: pip install atheris")

with atheris.instrument_imports(include=["coprodcite"]):
    from coprodcite.files import decode

from tests.faults.test_fuzz_readers import SEEDS, read_everywhere  # noqa: E402


def one_input(data: bytes) -> None:
    read_everywhere(decode(data))


def main() -> None:
    args = list(sys.argv)
    if not any(not a.startswith("-") for a in args[1:]):  # no corpus folder: the seeds
        folder = Path(tempfile.mkdtemp(prefix="coprodcite-fuzz-"))
        for name, text in SEEDS.items():
            (folder / name).write_text(text, encoding="utf-8")
        args.append(str(folder))
    atheris.Setup(args, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
