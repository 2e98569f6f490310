"""Entry point for `python -m analysis`."""
from .cli import main

raise SystemExit(main())
