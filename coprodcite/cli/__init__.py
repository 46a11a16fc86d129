"""The coprodcite command line (placeholder until the commands land)."""


def main() -> None:  # pragma: no cover - replaced by the Typer app
    raise SystemExit(0)
