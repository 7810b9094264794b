"""numpy loaded without its AVX-512 code on the one processor where that code is its
slowest (``gwsite/__init__.py`` calls ``avoid_slow_numpy_sort`` before anything else).

AMD's Zen 4 (family 19h with AVX-512) runs the memory form of VPCOMPRESS as microcode,
and numpy's AVX-512 sort (x86-simd-sort) uses it at every step: a sort of a million
64-bit keys takes 54 ms there, 12 ms with numpy's AVX2 sort (EPYC, family 25 model 17,
numpy 2.4; numpy/x86-simd-sort#6; OpenJDK turned its own AVX-512 sort off on these
processors for the same reason, JDK-8317976).  The search index sorts about a million
keys per 1,024 notices, so there numpy is asked, through its documented
``NPY_DISABLE_CPU_FEATURES``, to leave its AVX-512 code out: Zen 4 runs 512-bit
instructions as two 256-bit halves, and nothing else gwsite does measurably slowed.
"""
from __future__ import annotations

import os
import sys
from typing import Callable, Mapping

SETTING = "NPY_DISABLE_CPU_FEATURES"
USER_SETTINGS = (SETTING, "NPY_ENABLE_CPU_FEATURES")


def is_zen4(cpuinfo: str) -> bool:
    """Whether ``/proc/cpuinfo`` text (its first processor is enough) is an AMD family
    19h processor with AVX-512: Zen 4 (Zen 3 shares the family but has no AVX-512; Zen 5
    is family 1Ah and stores compressed vectors at full speed)."""
    fields: dict[str, str] = {}
    for line in cpuinfo.split("\n\n", 1)[0].splitlines():
        key, colon, value = line.partition(":")
        if colon:
            fields.setdefault(key.strip(), value.strip())
    return (fields.get("vendor_id") == "AuthenticAMD" and fields.get("cpu family") == "25"
            and "avx512f" in fields.get("flags", "").split())


def avx512_features(numpy_version: str) -> str:
    """numpy's names for its AVX-512 code: grouped by x86-64 level since numpy 2.4, one
    name per feature before.  Only names numpy dispatches to (any other is warned about)."""
    try:
        major, minor = (int(part) for part in numpy_version.split(".")[:2])
    except ValueError:
        return ""
    if (major, minor) >= (2, 4):
        return "X86_V4 AVX512_ICL AVX512_SPR"
    return "AVX512F AVX512CD AVX512_SKX AVX512_CLX AVX512_CNL AVX512_ICL"


def numpy_setting(environ: Mapping[str, str], loaded: Mapping[str, object], cpuinfo: str = "/proc/cpuinfo",
                  numpy_version: Callable[[], str] | None = None) -> str | None:
    """The ``NPY_DISABLE_CPU_FEATURES`` to load numpy with, or None to load it as it is:
    None but on Zen 4, and None when numpy is loaded already (too late) or the user
    chose its features (numpy refuses both of its variables at once)."""
    if any(name in environ for name in USER_SETTINGS) or "numpy" in loaded:
        return None
    try:
        with open(cpuinfo, encoding="utf-8", errors="replace") as f:
            text = f.read(16384)  # the first processor's lines; the whole file is long on big machines
    except OSError:  # not Linux
        return None
    if not is_zen4(text):
        return None
    from importlib import metadata  # 15 ms: only where it pays
    try:
        version = numpy_version() if numpy_version else metadata.version("numpy")
    except metadata.PackageNotFoundError:
        return None
    return avx512_features(version) or None


def avoid_slow_numpy_sort() -> None:
    """Load numpy now, without its AVX-512 code where ``numpy_setting`` says so; the
    environment is put back afterwards, so that no other program gwsite starts inherits
    the setting (numpy reads it once, when it loads)."""
    setting = numpy_setting(os.environ, sys.modules)
    if setting is None:
        return
    os.environ[SETTING] = setting
    try:
        import numpy  # noqa: F401
    finally:
        del os.environ[SETTING]
