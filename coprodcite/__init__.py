"""coprodcite: a citation and metadata manager that credits every contributor."""

__version__ = "0.1.0"
PROJECT_URL = "https://github.com/coprodcite/coprodcite"
