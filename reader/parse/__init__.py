"""Parsing: a page's text into its parts (`page`), and the tag boundaries the page lost
(`tags`). Nothing here reads files or knows of the library or the interface."""
