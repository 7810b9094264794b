"""numpy's AVX-512 sort is left out on Zen 4, and only there (gwsite/cpu.py)."""
import os
import platform
import subprocess
import sys
import textwrap
from importlib import metadata

import pytest

from gwsite import cpu


def cpuinfo(vendor: str, family: int, flags: str, model: int = 17) -> str:
    block = (f"processor\t: 0\nvendor_id\t: {vendor}\ncpu family\t: {family}\nmodel\t\t: {model}\n"
             f"model name\t: test processor\nflags\t\t: fpu sse sse2 avx avx2 {flags}\n")
    return block + "\n" + block.replace("processor\t: 0", "processor\t: 1") + "\n"


ZEN4 = cpuinfo("AuthenticAMD", 25, "avx512f avx512dq avx512bw avx512vl")


@pytest.mark.parametrize("text, expected", [
    (ZEN4, True),
    (cpuinfo("AuthenticAMD", 25, "bmi2", model=33), False),  # Zen 3: the same family, no AVX-512
    (cpuinfo("AuthenticAMD", 26, "avx512f avx512dq"), False),  # Zen 5 stores compressed vectors at speed
    (cpuinfo("GenuineIntel", 6, "avx512f avx512dq"), False),  # Intel: x86-simd-sort's home ground
    (cpuinfo("HygonGenuine", 24, ""), False),
    ("", False),
    (cpuinfo("AuthenticAMD", 25, "avx512fp16"), False),  # a flag that only starts with avx512f
])
def test_only_zen4_is_named(text, expected):
    assert cpu.is_zen4(text) is expected


def test_only_the_first_processor_is_read():
    assert cpu.is_zen4(ZEN4.split("\n\n")[0] + "\n\n" + cpuinfo("GenuineIntel", 6, ""))


@pytest.mark.parametrize("version, expected", [
    ("2.4.6", "X86_V4 AVX512_ICL AVX512_SPR"),
    ("3.0.0rc1", "X86_V4 AVX512_ICL AVX512_SPR"),
    ("2.2.6", "AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL"),
    ("1.26.4", "AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL"),
    ("unknown", ""),
])
def test_feature_names_follow_numpy(version, expected):
    assert cpu.avx512_features(version) == expected


def test_set_on_zen4_before_numpy(tmp_path):
    info = tmp_path / "cpuinfo"
    info.write_text(ZEN4, encoding="utf-8")
    environ: dict[str, str] = {}
    cpu.avoid_slow_numpy_sort(environ, loaded={}, cpuinfo=str(info))
    assert environ == {cpu.SETTING: cpu.avx512_features(metadata.version("numpy"))}


def test_left_alone_elsewhere(tmp_path):
    zen4 = tmp_path / "zen4"
    zen4.write_text(ZEN4, encoding="utf-8")
    intel = tmp_path / "intel"
    intel.write_text(cpuinfo("GenuineIntel", 6, "avx512f"), encoding="utf-8")
    mine = {cpu.SETTING: "AVX512_SPR"}
    cpu.avoid_slow_numpy_sort(mine, loaded={}, cpuinfo=str(zen4))
    assert mine == {cpu.SETTING: "AVX512_SPR"}  # the user's own choice stands
    for environ, loaded, path in [({}, {"numpy": object()}, zen4),  # too late: numpy read it already
                                  ({}, {}, intel), ({}, {}, tmp_path / "missing")]:
        cpu.avoid_slow_numpy_sort(environ, loaded=loaded, cpuinfo=str(path))
        assert environ == {}


@pytest.mark.skipif(platform.machine().lower() not in ("x86_64", "amd64"), reason="x86 feature names")
def test_importing_gwsite_on_zen4_leaves_numpy_without_avx512():
    """End to end, in a fresh interpreter that reads a Zen 4's cpuinfo: gwsite sets the
    names before its modules load numpy, and numpy takes them without a warning (a name
    it does not dispatch to would be warned about)."""
    script = textwrap.dedent(f"""
        import builtins, io, os, sys, warnings
        warnings.simplefilter("error")
        real_open = builtins.open
        def fake_open(path, *args, **kwargs):
            if path == "/proc/cpuinfo":
                return io.StringIO({ZEN4!r})
            return real_open(path, *args, **kwargs)
        builtins.open = fake_open
        import gwsite.search
        builtins.open = real_open
        try:
            from numpy._core._multiarray_umath import __cpu_features__ as features
        except ImportError:  # numpy before 2.0
            from numpy.core._multiarray_umath import __cpu_features__ as features
        print(os.environ["NPY_DISABLE_CPU_FEATURES"], features["AVX512F"] and features["AVX512_ICL"])
    """)
    env = {k: v for k, v in os.environ.items() if k != cpu.SETTING}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    value, icl_in_use = done.stdout.strip().rsplit(" ", 1)
    assert value == cpu.avx512_features(metadata.version("numpy"))
    assert icl_in_use == "False"
    assert done.stderr == ""
