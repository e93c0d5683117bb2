"""Everything Qt: the window, the training worker, the form and the pyqtgraph panels."""
