"""The analyst review of hits: the queue, the state machine, notes, assignment and the memory of
dismissed false positives."""
