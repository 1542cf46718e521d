"""newsreader: a terminal reader for Arabic news dumps."""

__version__ = "0.1.0"
