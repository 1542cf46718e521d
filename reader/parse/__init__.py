"""Parsing: a page's text into its parts (`page`), the tag boundaries the page lost
(`tags`), the stories told in several pages merged (`corpus`), and a corpus's pages run
through all of it (`loader`). Nothing here reads the library or knows of the interface."""
