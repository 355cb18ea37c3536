"""Figures of the experiments, drawn from the data the experiments return.

- ``canvas``: one way to make and save a figure (object-oriented matplotlib on an Agg canvas);
- ``validation``: the figure of each validation pattern;
- ``sensitivity``: Sobol, Morris and PRIM figures of a sweep's analysis;
- ``effects``: the paired-effects forest plot of a sweep (one panel per outcome group).

The comparison figures of ``birosim compare`` are in :mod:`birosim.interfaces.plots`.
"""
