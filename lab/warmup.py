"""Fill JAX's persistent compile cache with the programs the Playground needs first.

Run before serving (``python -m lab.warmup``: the Docker build and ``bin/app`` do),
so the first visitor's page draws from cached programs instead of compiling them:
the default scene, every preset, and every rule on the default surface.
"""

from __future__ import annotations

import time

import optimizers  # noqa: F401  (first: XLA's options, the persistent cache)

from . import compute
from .presets import PRESETS
from .scene import Contestant, Scene


def scenes() -> list[Scene]:
    """The default scene, the presets, and one scene racing every rule on the default surface."""
    every_rule = Scene(contestants=[Contestant(rule) for rule in optimizers.names()])
    return [Scene(), *(p.scene for p in PRESETS), every_rule]


def main() -> None:
    t0 = time.perf_counter()
    for scene in scenes():
        surface = compute.make_surface(scene)
        surface.grid(120)
        compute.run_scene(surface, scene)
    print(f"warm-up: {len(scenes())} scenes compiled in {time.perf_counter() - t0:.1f} s")


if __name__ == "__main__":
    main()
