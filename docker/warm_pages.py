"""Fill JAX's persistent compile cache with every lesson page's programs (the image build runs this).

`lab.warmup` compiles what the Playground needs first. A lesson's programs were compiled by its
first visitor on each replica: 3 to 15 s on this 2-core machine (the saddles lesson the longest),
measured with AppTest, against 0.7 to 4.7 s with its programs in the cache. Behind a balancer that
first visitor can be a learner whose own replica just died. So the build opens every lesson once,
as AppTest does, with the same cache folder the server uses (JAX's cache key includes the folder's
path), and the replicas start with those programs on disk.

    python docker/warm_pages.py        (from the app's folder; LLL_COMPILE_CACHE as the server has it)
"""

from __future__ import annotations

import sys
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app.py"


def main() -> None:
    sys.path.insert(0, str(APP.parent))
    import optimizers  # noqa: F401  (first: XLA's options, the persistent cache)
    from ui.serve import warm_pages

    seconds, failed = warm_pages()
    print(f"warm pages: every lesson in {seconds:.1f} s")
    if failed:
        sys.exit("a lesson raised while warming:\n" + "\n".join(failed))


if __name__ == "__main__":
    main()
