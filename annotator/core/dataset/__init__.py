"""The dataset tools: export with its row and pair writers, splits, round trip, merge, agreement, adjudication, statistics."""
