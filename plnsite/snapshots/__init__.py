"""What ``plnsite fetch`` read from the network, kept for ``build`` and ``serve``, which only read it.

One module per kind of snapshot; each keeps its values in ``.plnsite-cache/<kind>/`` through
``incremental.store.Store``.
"""
