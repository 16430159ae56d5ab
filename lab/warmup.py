"""Fill JAX's persistent compile cache with the programs the Playground needs first.

Run before serving (``python -m lab.warmup``: the Docker build and ``bin/app`` do),
so the first visitor's page draws from cached programs instead of compiling them:
the default scene, every preset, and every rule on the default surface; and the network
page's teaching scenes (each trains its own network shape: a first click would compile).

A program is compiled per loop length, not per step count (`optimizers.engine.loop_length`:
on a surface with data a run of 110 to 200 steps runs the loop of 200 and keeps its first
steps; on a surface without data every run of up to 2,000 steps runs the loop of 2,000). So
each scene warms the length its steps reach, and moving the steps slider within that length
compiles nothing. The default scene is also warmed at every length the steps slider
reaches (`slider_scenes`), so the first page's slider never waits for a compile; the
other scenes' remaining lengths wait for a learner who asks for them.

``--network-reach`` (the Docker image's build) also trains the network page's first scene
with each shape control moved once (`lessons.network.reach`): a first move of the width,
depth, activation, data size or step count there then loads its programs from the cache
(about 1-2 s) instead of compiling them (5-8 s, and a class's other network and sweep
requests wait behind it).
"""

from __future__ import annotations

import argparse
import time

import optimizers  # noqa: F401  (first: XLA's options, the persistent cache)
from lessons import network
from optimizers.engine import loop_length

from . import compute
from .presets import PRESETS
from .scene import STEPS, Contestant, Scene, default_scene


def scenes() -> list[Scene]:
    """The default scene, the presets, and one scene racing every rule on the default surface at the default steps."""
    every_rule = Scene(steps=STEPS.default, contestants=[Contestant(rule) for rule in optimizers.names()])
    return [default_scene(), *(p.scene for p in PRESETS), every_rule]


def slider_scenes(scene: Scene | None = None) -> list[Scene]:
    """``scene`` (the default one) at each loop length the steps slider reaches."""
    scene = scene or default_scene()
    surface = compute.make_surface(scene)
    reach = sorted({loop_length(surface, n) for n in range(int(STEPS.low), int(STEPS.high) + 1, 10)})
    return [Scene(**{**scene.__dict__, "steps": n}) for n in reach]


def lengths(warmed: list[Scene]) -> list[int]:
    """The loop lengths the scenes' step counts reach on their surfaces."""
    return sorted({loop_length(compute.make_surface(s), s.steps) for s in warmed})


def network_setups(reach: bool = False) -> list[tuple[network.Setup, tuple[network.Racer, ...]]]:
    """The network page's teaching scenes; with ``reach``, also its first scene's setup one shape control away
    (`lessons.network.reach`: every width, depth, activation, data size and step count), with that scene's racers."""
    out = [(scene.setup, scene.racers) for scene in network.SCENES.values()]
    if reach:
        first = network.SCENES[network.DEFAULT_SCENE]
        out += [(setup, first.racers) for setup in network.reach(first.setup)]
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m lab.warmup", description=__doc__.split("\n\n")[0])
    ap.add_argument("--network-reach", action="store_true",
                    help="also the networks one move from the network page's first scene (a deployed image's build: "
                         "15 networks of 3 programs, a minute or two once, 20 s on every later run)")
    args = ap.parse_args(argv)
    t0, traces = time.perf_counter(), optimizers.trace_count()
    warmed = scenes() + slider_scenes()
    for scene in warmed:
        surface = compute.make_surface(scene)
        surface.grid(120)
        compute.run_scene(surface, scene)
    print(
        f"warm-up: {len(warmed)} scenes, {optimizers.trace_count() - traces} programs at loop lengths "
        f"{', '.join(map(str, lengths(warmed)))}, in {time.perf_counter() - t0:.1f} s"
    )

    t1 = time.perf_counter()
    setups = network_setups(args.network_reach)
    for setup, racers in setups:
        network.race(setup, racers)
    print(f"warm-up: the network page's {len(network.SCENES)} scenes"
          f"{f' and {len(setups) - len(network.SCENES)} networks one move from the first' if args.network_reach else ''}"
          f" in {time.perf_counter() - t1:.1f} s")


if __name__ == "__main__":
    main()
