"""Rendering: an article as the lines the reader and `show` print, its dates, and counts
worded in the interface's language. Knows nothing of Textual."""
