"""Table readers besides CBS KWB, one module per format; retrieval/tables/readers/formats.py registers them."""
