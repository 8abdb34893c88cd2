"""The Qt-free core: ingest, language, segmentation, storage, export, statistics."""
