"""Pure-Python domain: documents, annotations, schemas, undoable commands. Standard library only."""
