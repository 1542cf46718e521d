"""Text: the Arabic normalisation keys every lookup folds spellings with, the search terms
(stemmed) and query language built on them, and the passages shown for a hit."""
