"""The bundle's start script: the same ``main`` as ``python -m app``."""
import sys

from app.__main__ import main

sys.exit(main())
