#!/usr/bin/env python3
"""Build the repository's demo district into public/ (same as `gwsite build . -o public`)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gwsite.cli import main  # noqa: E402

if __name__ == "__main__":
    root = Path(__file__).resolve().parent
    sys.exit(main(["build", str(root), "-o", str(root / "public"), *sys.argv[1:]]))
