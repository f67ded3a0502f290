"""plnsite: publish a learning portfolio (notes, reading, network) as a static site."""

__version__ = "0.1.0"

from .build import build
from .errors import Problem
from .load import load_content
from .model import BuildOptions, BuildResult

__all__ = ["BuildOptions", "BuildResult", "Problem", "__version__", "build", "load_content"]
