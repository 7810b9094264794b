"""gwsite: a static-site generator for the 基层政务公开 column."""
__version__ = "0.1.0"

from .cpu import avoid_slow_numpy_sort

avoid_slow_numpy_sort()  # before any module of gwsite imports numpy
