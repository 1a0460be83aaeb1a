"""The synthetic corpus generator (synthetic.py) is imported by the tests here and by
benchmarks/extract.py."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
