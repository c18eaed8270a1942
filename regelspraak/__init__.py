"""regelspraak: Dutch legislation as executable, traceable RegelSpraak rules.

>>> import regelspraak
>>> regelspraak.__version__
'0.1.0'
"""

__version__ = "0.1.0"
