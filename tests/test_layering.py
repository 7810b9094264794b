"""Each module imports only the stages below it (data flows one way)."""
import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "gwsite"

# A module may import the modules of lower layers only.
LAYERS = [
    {"diagnostics", "domains", "postings", "forking", "cpu", "query", "gongwen"},
    {"privacy", "workdays", "ranking", "docread", "pinyin", "slips"},
    {"model", "yamlsrc", "paths", "write", "buildcache", "progress", "attachments", "noticefile"},
    {"config", "catalogue", "notices", "markup", "deadlines", "numbering", "oldpage"},
    {"assemble", "catalogue_export", "importer", "migrate"},
    {"audit", "render", "search", "bundle"},
    {"renderpool"},
    {"pipeline"},
    {"serve"},
    {"cli"},
    {"__main__"},
]


def layer_of(name: str) -> int:
    for i, layer in enumerate(LAYERS):
        if name in layer:
            return i
    raise AssertionError(f"gwsite/{name}.py is in no layer: add it to LAYERS in {__file__}")


def test_imports_point_down():
    wrong = []
    for path in sorted(PACKAGE.glob("*.py")):
        if path.stem == "__init__":
            continue
        mine = layer_of(path.stem)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                names = [node.module] if node.module else [a.name for a in node.names]
                for name in names:
                    name = name.split(".")[0]
                    if not (PACKAGE / f"{name}.py").is_file():
                        continue  # a name from gwsite/__init__.py, not a module
                    if layer_of(name) >= mine:
                        wrong.append(f"{path.stem} imports {name}")
    assert wrong == []
