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
    assert cpu.numpy_setting({}, {}, str(info), lambda: "2.4.6") == "X86_V4 AVX512_ICL AVX512_SPR"
    assert cpu.numpy_setting({"PATH": "/bin"}, {"yaml": object()}, str(info), lambda: "2.2.6") == (
        "AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL")


def test_left_alone_elsewhere(tmp_path):
    zen4 = tmp_path / "zen4"
    zen4.write_text(ZEN4, encoding="utf-8")
    intel = tmp_path / "intel"
    intel.write_text(cpuinfo("GenuineIntel", 6, "avx512f"), encoding="utf-8")
    version = lambda: "2.4.6"  # noqa: E731
    for environ, loaded, path in [
            ({cpu.SETTING: "AVX512_SPR"}, {}, zen4),  # the user's own choice stands
            ({"NPY_ENABLE_CPU_FEATURES": "X86_V3"}, {}, zen4),  # numpy refuses both variables at once
            ({}, {"numpy": object()}, zen4),  # too late: numpy read its settings when it loaded
            ({}, {}, intel), ({}, {}, tmp_path / "missing")]:
        assert cpu.numpy_setting(environ, loaded, str(path), version) is None
    assert cpu.numpy_setting({}, {}, str(zen4), lambda: "unknown") is None


# The target numpy's 64-bit sort is dispatched to on AVX-512 (its group from numpy 2.4 on):
# the one that must be off, whatever avx512_features lists.
SORT_TARGET = "X86_V4" if tuple(int(p) for p in metadata.version("numpy").split(".")[:2]) >= (2, 4) else "AVX512_SKX"


def _fresh_interpreter(cpuinfo_text: str, env: dict) -> subprocess.CompletedProcess:
    """Import gwsite.search in a new Python that reads ``cpuinfo_text`` as /proc/cpuinfo;
    prints the setting left in its environment and numpy's state of each AVX-512 name."""
    script = textwrap.dedent(f"""
        import builtins, io, os, sys, warnings
        warnings.simplefilter("error")
        real_open = builtins.open
        def fake_open(path, *args, **kwargs):
            if path == "/proc/cpuinfo":
                return io.StringIO({cpuinfo_text!r})
            return real_open(path, *args, **kwargs)
        builtins.open = fake_open
        import gwsite.search
        builtins.open = real_open
        try:
            from numpy._core._multiarray_umath import __cpu_features__ as features
        except ImportError:  # numpy before 2.0
            from numpy.core._multiarray_umath import __cpu_features__ as features
        print(os.environ.get("NPY_DISABLE_CPU_FEATURES", "-"))
        print(" ".join(f"{{name}}={{features[name]}}" for name in
                       {[*cpu.avx512_features(metadata.version("numpy")).split(), SORT_TARGET]!r} if name in features))
    """)
    return subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(platform.machine().lower() not in ("x86_64", "amd64"), reason="x86 feature names")
def test_importing_gwsite_on_zen4_leaves_numpy_without_avx512():
    """End to end: gwsite loads numpy with every AVX-512 name off, numpy takes them
    without a warning (a name it does not dispatch to would be warned about), and the
    environment is as it was, for any program gwsite starts."""
    env = {k: v for k, v in os.environ.items() if k not in cpu.USER_SETTINGS}
    done = _fresh_interpreter(ZEN4, env)
    assert done.returncode == 0, done.stderr
    left, states = done.stdout.splitlines()
    assert left == "-"
    assert f"{SORT_TARGET}=False" in states.split()
    assert all(state.endswith("=False") for state in states.split()), states
    assert done.stderr == ""


@pytest.mark.skipif(platform.machine().lower() not in ("x86_64", "amd64"), reason="x86 feature names")
def test_a_user_s_own_numpy_features_still_load():
    env = {k: v for k, v in os.environ.items() if k not in cpu.USER_SETTINGS}
    done = _fresh_interpreter(ZEN4, dict(env, NPY_ENABLE_CPU_FEATURES="X86_V3" if
                                         cpu.avx512_features(metadata.version("numpy")).startswith("X86")
                                         else "AVX2"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "-"
