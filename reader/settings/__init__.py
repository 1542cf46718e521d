"""What the user chose and where things are: the settings file (`config`), what the
reader remembers between sessions (`preferences`), and the bundled feeds (`feeds`)."""
