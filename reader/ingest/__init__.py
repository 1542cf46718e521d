"""Reading files: dumps found under the paths given, their bytes decoded into page texts,
and folders watched for what a scraper adds. Bytes in, page texts out."""
