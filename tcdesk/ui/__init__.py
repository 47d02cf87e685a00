"""The desktop editor (PySide6); the only package that imports Qt."""
