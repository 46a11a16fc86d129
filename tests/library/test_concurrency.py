"""Several processes adding to one library at once (a SQLite file, a PostgreSQL
database) lose nothing and never fail with "database is locked"."""

import subprocess
import sys
import textwrap

from coprodcite.library import open_library

WRITER = textwrap.dedent(
    """
    import sys
    from coprodcite.library import open_library
    from coprodcite.model import Contributor, Record

    path, worker, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    library = open_library(path)  # each process also races to create and migrate
    for n in range(count):
        record = Record(
            type="article-journal",
            fields={"title": "Same title for all", "DOI": f"10.5555/w{worker}-{n}",
                    "issued": {"date-parts": [[2024]]}},
            contributors=[Contributor(family="Example", given="Invented")],
        )
        library.save(record)
        # every worker also adds one shared DOI: it must be stored once
        library.save(Record(type="book", fields={"title": "Shared", "DOI": "10.5555/shared"}))
    library.close()
    """
)


def test_parallel_writers_lose_nothing(library_location):
    path = library_location
    workers, count = 4, 40
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), str(w), str(count)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(workers)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "locked" not in err
    library = open_library(path)
    try:
        assert library.count() == workers * count + 1
        keys = [r.key for r in library.records()]
        assert len(set(keys)) == len(keys)  # keys unique even when generated at once
        assert sum(k.startswith("example2024same") for k in keys) == workers * count
    finally:
        library.close()
