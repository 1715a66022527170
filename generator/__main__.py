"""``python -m generator`` works like the ``hepgen`` command."""

from .cli import main

if __name__ == "__main__":
    main()
