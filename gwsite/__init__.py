"""gwsite: a static-site generator for the 基层政务公开 column."""
__version__ = "0.1.0"
