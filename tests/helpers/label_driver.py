"""Labels sentences as fast as it can, printing `ack SENTENCE LABEL ANNOTATOR` after each commit.

Used by the kill test: whatever it acknowledged must survive a SIGKILL at any moment.
"""

import sys

from annotator.core.store import Store


def main(project: str, run: str) -> None:
    with Store.open(project) as store:
        sentence_ids = [s.id for d in store.stats.document_summaries() for s in store.documents.sentences(d.id)]
        labels = [label.name for label in store.scheme.labels()]
        print("ready", flush=True)
        step = 0
        while True:
            sentence = sentence_ids[step % len(sentence_ids)]
            label = labels[(step // len(sentence_ids)) % len(labels)]
            annotator = f"run{run}-{step // (len(sentence_ids) * len(labels))}"
            store.annotations.set(sentence, label, annotator)
            print(f"ack {sentence} {label} {annotator}", flush=True)
            step += 1


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
