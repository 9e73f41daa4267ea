"""The lexicon generator's modules; scripts/lexicon/generate runs them."""
