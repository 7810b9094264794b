import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))


@pytest.fixture
def run_cli(capsys):
    """Run the gwsite command line in-process: (exit code, stdout, stderr)."""
    from gwsite.cli import main

    def run(*args: str):
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


@pytest.fixture(scope="session")
def demo_build(tmp_path_factory):
    """The repository's demo district, built once per test session."""
    from gwsite import pipeline

    out = tmp_path_factory.mktemp("demo") / "public"
    result = pipeline.build(ROOT, out)
    assert result.report.ok, "\n".join(str(p) for p in result.report.errors)
    return out
