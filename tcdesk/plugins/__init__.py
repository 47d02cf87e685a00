"""Built-in plugins: plain modules of ``@hookimpl`` functions, registered like third-party ones."""
