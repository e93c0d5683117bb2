"""Data files shipped with the app: the embedded MNIST subset, translations, icons."""
