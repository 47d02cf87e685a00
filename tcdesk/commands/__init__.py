"""Sub-commands of the ``tcdesk`` command line, one module each."""
