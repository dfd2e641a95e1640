"""The ``isorepeat`` command line: wiring from arguments to the library, and rendering."""
