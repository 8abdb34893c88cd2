"""The text pipeline: decode, ingest, language, segment, boilerplate, titles, analyze, import."""
