"""Migration 21's SQL.

The compact copy of the vectors (migration 18) gains a second bit per dimension: besides its
sign, whether the coordinate is among the vector's larger half in size. Its first pass then
ranks the nearest so much better that "more like this" re-ranks 2,000 candidates instead of
20,000 for the same recall at a million sentences (store/vector_codes.py has the figures). The
old one-bit codes are dropped; the next writer that stores vectors, or the first "more like
this", encodes every vector again from `embeddings` (state gone = nothing encoded yet).
"""

CODE_LEVELS_SQL = """
DELETE FROM vector_codes;
DELETE FROM vector_codes_state
"""
