"""The commands: `newsreader` and its subcommands, thin — they parse arguments, open a
corpus, and print or start the reader. Nothing below imports them."""
