"""The Playground's runs (`lab.compute.run_scene`): a rerun reuses the runs its move did not change, and only those."""

import dataclasses

import numpy as np
import pytest

from lab import compute
from lab import scene as sc


def _scene(**changes) -> sc.Scene:
    base = sc.Scene(surface="rosenbrock", steps=120, start=(-1.2, 1.5), contestants=[
        sc.Contestant("sgd", {"learning_rate": 1e-3}), sc.Contestant("momentum", {"learning_rate": 1e-3}),
        sc.Contestant("adam", {"learning_rate": 0.05})])
    return dataclasses.replace(base, **changes)


def test_a_move_of_one_contestant_reruns_that_one_and_reuses_the_others():
    scene = _scene()
    surface = compute.make_surface(scene)
    first = compute.run_scene(surface, scene)
    moved = _scene(contestants=[scene.contestants[0], sc.Contestant("momentum", {"learning_rate": 2e-3}),
                                scene.contestants[2]])
    again = compute.run_scene(surface, moved, reuse=compute.reusable(scene, first))
    assert again[0].traj is first[0].traj and again[2].traj is first[2].traj  # kept, not run again
    assert again[1].traj is not first[1].traj
    # and what came back is what a fresh run gives, every array
    fresh = compute.run_scene(surface, moved)
    for a, b in zip(again, fresh):
        assert a.label == b.label
        np.testing.assert_array_equal(a.traj.xy, b.traj.xy)
        np.testing.assert_array_equal(a.traj.loss, b.traj.loss)
    assert not np.array_equal(again[1].traj.xy, first[1].traj.xy)


@pytest.mark.parametrize("change", [
    dict(surface_params={"b": 50.0}), dict(start=(-1.0, 1.5)), dict(steps=121), dict(seed=1),
    dict(surface="himmelblau"), dict(contestants=[sc.Contestant("sgd", {"learning_rate": 1e-3, "noise": 0.1})]),
    dict(contestants=[sc.Contestant("nesterov", {"learning_rate": 1e-3})]),
])
def test_anything_a_run_depends_on_changes_its_key(change):
    scene, other = _scene(), _scene(**change)
    assert compute.run_key(scene, scene.contestants[0]) != compute.run_key(other, other.contestants[0])


def test_the_language_and_the_place_in_the_race_do_not():
    scene = _scene()
    assert compute.run_key(scene, scene.contestants[1]) == compute.run_key(_scene(lang="ko"), scene.contestants[1])
    swapped = _scene(contestants=[scene.contestants[1], scene.contestants[0]])
    kept = compute.reusable(scene, compute.run_scene(compute.make_surface(scene), scene))
    again = compute.run_scene(compute.make_surface(swapped), swapped, reuse=kept)
    assert again[0].traj is kept[compute.run_key(scene, scene.contestants[1])]
    assert again[0].label.startswith("1 ·") and again[1].label.startswith("2 ·")  # labels follow the new places


def test_a_refused_setting_is_a_message_every_time():
    scene = _scene(contestants=[sc.Contestant("sgd", {"clip_norm": -1.0})])
    surface = compute.make_surface(scene)
    first = compute.run_scene(surface, scene)
    assert first[0].traj is None and first[0].error
    assert compute.reusable(scene, first) == {}
    assert compute.run_scene(surface, scene, reuse={})[0].error == first[0].error
