"""Thread Lab: watch Python threads run, race and take turns."""

__version__ = "0.1.0"
