"""The question bank's source files (YAML), shipped as package data inside the mlsquiz wheel."""
