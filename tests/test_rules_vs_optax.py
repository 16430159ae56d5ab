"""Every update rule against optax, its trusted reference, over 150 steps.

Where our rule has an option optax lacks (momentum's textbook and averaged forms,
Adam without bias correction), the test checks the documented formula with a
hand-written NumPy loop instead.
"""

import jax
import jax.numpy as jnp
import numpy as np
import optax
import pytest

import optimizers
from optimizers import schedules
from optimizers.base import chain
from optimizers.clipping import clip, clip_by_global_norm

STEPS = 150

# (our rule, its hyperparameters, the optax equivalent)
CASES = [
    ("sgd", dict(learning_rate=0.03), lambda lr: optax.sgd(lr)),
    ("momentum", dict(learning_rate=0.03, momentum=0.9), lambda lr: optax.sgd(lr, momentum=0.9)),
    ("nesterov", dict(learning_rate=0.03, momentum=0.8), lambda lr: optax.sgd(lr, momentum=0.8, nesterov=True)),
    (
        "adagrad",
        dict(learning_rate=0.1, initial_accumulator_value=0.2, eps=1e-6),
        lambda lr: optax.adagrad(lr, initial_accumulator_value=0.2, eps=1e-6),
    ),
    ("rmsprop", dict(learning_rate=0.01, decay=0.95, eps=1e-6), lambda lr: optax.rmsprop(lr, decay=0.95, eps=1e-6)),
    (
        "rmsprop",
        dict(learning_rate=0.01, decay=0.9, eps=1e-4, eps_in_sqrt=False),
        lambda lr: optax.rmsprop(lr, decay=0.9, eps=1e-4, eps_in_sqrt=False),
    ),
    ("adam", dict(learning_rate=0.01, b1=0.8, b2=0.99, eps=1e-6), lambda lr: optax.adam(lr, b1=0.8, b2=0.99, eps=1e-6)),
    (
        "adamw",
        dict(learning_rate=0.01, b1=0.9, b2=0.999, eps=1e-8, weight_decay=0.1),
        lambda lr: optax.adamw(lr, b1=0.9, b2=0.999, eps=1e-8, weight_decay=0.1),
    ),
]
IDS = [f"{name}-{i}" for i, (name, _, _) in enumerate(CASES)]


def _drive(tx, grads, params0):
    """Apply ``tx`` to a fixed sequence of gradients; return every update."""
    params, state = params0, tx.init(params0)
    out = []
    for g in grads:
        u, state = tx.update(g, state, params)
        params = params + u
        out.append(np.asarray(u))
    return np.stack(out)


@pytest.fixture
def x64():
    with jax.enable_x64(True):
        yield


@pytest.fixture
def grads(x64):
    rng = np.random.default_rng(0)
    # gradients of very different sizes per coordinate, some huge, as adaptive rules meet them
    return [jnp.asarray(rng.normal(size=2) * np.array([0.1, 10.0]) * rng.choice([1, 1, 1, 30])) for _ in range(STEPS)]


def _draws(name: str, k: int = 8) -> list[dict]:
    """The rule's defaults, then ``k`` settings drawn from the settings table's ranges (log-uniform on log ones)."""
    rule = optimizers.rule_info(name)
    rng = np.random.default_rng(sum(map(ord, name)))
    out = [rule.defaults]
    for _ in range(k):
        hp = {}
        for h in rule.hyperparams:
            if not h.numeric:
                hp[h.name] = h.choices[rng.integers(len(h.choices))]
            elif h.log:
                hp[h.name] = float(np.exp(rng.uniform(np.log(h.low), np.log(h.high))))
            else:
                hp[h.name] = float(rng.uniform(h.low, h.high))
        hp["learning_rate"] = min(hp["learning_rate"], 0.5)  # keep 100 steps finite on these gradients
        out.append(hp)
    return out


def test_every_rule_names_its_optax_reference_or_says_why_not():
    for name in optimizers.names():
        rule = optimizers.rule_info(name)
        assert rule.reference is not None or rule.module.NO_OPTAX_REFERENCE, name
        if rule.reference is not None:
            assert rule.reference(**rule.defaults) is not None, f"{name}: its defaults must have an optax counterpart"


@pytest.mark.parametrize("name", optimizers.names())
def test_every_rule_equals_its_optax_reference_over_100_steps_with_settings_from_the_table(name, grads):
    """Iterates the registry: a new rule is compared with optax as soon as it is registered."""
    rule = optimizers.rule_info(name)
    if rule.reference is None:
        pytest.skip(rule.module.NO_OPTAX_REFERENCE)
    p0 = jnp.asarray([0.5, -1.0])
    compared = 0
    for hp in _draws(name):
        ref = rule.reference(**hp)
        if ref is None:
            continue  # an option optax lacks (momentum's other forms, Adam without bias correction): tested by formula
        ours = _drive(optimizers.get(name, **hp), grads[:100], p0)
        np.testing.assert_allclose(ours, _drive(ref, grads[:100], p0), rtol=1e-9, atol=1e-12, err_msg=f"{name} {hp}")
        compared += 1
    assert compared >= 2


@pytest.mark.parametrize("name,hp,ref", CASES, ids=IDS)
def test_rule_matches_optax_on_random_gradients(name, hp, ref, grads):
    p0 = jnp.asarray([0.5, -1.0])
    ours = _drive(optimizers.get(name, **hp), grads, p0)
    theirs = _drive(ref(hp["learning_rate"]), grads, p0)
    np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-13)


@pytest.mark.parametrize("name,hp,ref", CASES, ids=IDS)
def test_rule_matches_optax_with_clipping_and_schedule(name, hp, ref, grads):
    lr = hp["learning_rate"]
    ours_sched = schedules.get("cosine", lr, warmup_steps=20, decay_steps=100, alpha=0.1)
    joined = optax.join_schedules([optax.linear_schedule(0.0, lr, 20), optax.cosine_decay_schedule(lr, 100, alpha=0.1)], [20])

    def theirs_sched(count):
        # optax divides the int32 count in float32; give it a float64 count to compare at float64 precision
        return joined(jnp.asarray(count, jnp.float64))

    ours = chain(clip_by_global_norm(3.0), clip(2.0), optimizers.get(name, **{**hp, "learning_rate": ours_sched}))
    theirs = optax.chain(optax.clip_by_global_norm(3.0), optax.clip(2.0), ref(theirs_sched))
    p0 = jnp.asarray([0.5, -1.0])
    np.testing.assert_allclose(_drive(ours, grads, p0), _drive(theirs, grads, p0), rtol=1e-10, atol=1e-13)


@pytest.mark.parametrize(
    "ours,theirs",
    [
        (schedules.constant(0.1), optax.constant_schedule(0.1)),
        (schedules.step(0.1, 25, 0.5), optax.exponential_decay(0.1, 25, 0.5, staircase=True)),
        (schedules.exponential(0.1, 30, 0.7), optax.exponential_decay(0.1, 30, 0.7)),
        (schedules.exponential(0.1, 30, 0.7, staircase=True), optax.exponential_decay(0.1, 30, 0.7, staircase=True)),
        (schedules.cosine(0.1, 120, 0.05), optax.cosine_decay_schedule(0.1, 120, alpha=0.05)),
        (
            schedules.get("exponential", 0.1, warmup_steps=40, transition_steps=10, decay_rate=0.9),
            optax.join_schedules([optax.linear_schedule(0.0, 0.1, 40), optax.exponential_decay(0.1, 10, 0.9)], [40]),
        ),
    ],
    ids=["constant", "step", "exponential", "staircase", "cosine", "warmup+exponential"],
)
def test_schedules_match_optax(ours, theirs, x64):
    t = jnp.arange(300)
    np.testing.assert_allclose(np.asarray(jax.vmap(ours)(t)), np.asarray(jax.vmap(theirs)(t)), rtol=1e-12)


def test_inverse_time_matches_its_formula(x64):
    # optax has no inverse-time decay; the reference is Keras's formula η / (1 + γ t / T)
    t = np.arange(300.0)
    sched = schedules.inverse_time(0.2, 50.0, 0.5)
    np.testing.assert_allclose(np.asarray(jax.vmap(sched)(jnp.asarray(t))), 0.2 / (1 + 0.5 * t / 50.0), rtol=1e-12)
    stair = schedules.inverse_time(0.2, 50.0, 0.5, staircase=True)
    np.testing.assert_allclose(np.asarray(jax.vmap(stair)(jnp.asarray(t))), 0.2 / (1 + 0.5 * np.floor(t / 50.0)), rtol=1e-12)


def _numpy_grads(grads):
    return [np.asarray(g) for g in grads]


def test_momentum_forms_follow_their_formulas(grads):
    lr, beta = 0.03, 0.9
    p0 = jnp.asarray([0.5, -1.0])
    # textbook: V = αV − η g; θ += V
    V, want = np.zeros(2), []
    for g in _numpy_grads(grads):
        V = beta * V - lr * g
        want.append(V.copy())
    got = _drive(optimizers.get("momentum", learning_rate=lr, momentum=beta, form="textbook"), grads, p0)
    np.testing.assert_allclose(got, np.stack(want), rtol=1e-10, atol=1e-13)
    # with a constant η it is the heavy-ball path exactly
    heavy = _drive(optimizers.get("momentum", learning_rate=lr, momentum=beta), grads, p0)
    np.testing.assert_allclose(got, heavy, rtol=1e-10, atol=1e-13)
    # averaged: v = βv + (1−β) g; θ −= η v  ==  heavy ball with η(1−β)
    avg = _drive(optimizers.get("momentum", learning_rate=lr, momentum=beta, form="average"), grads, p0)
    heavy_scaled = _drive(optimizers.get("momentum", learning_rate=lr * (1 - beta), momentum=beta), grads, p0)
    np.testing.assert_allclose(avg, heavy_scaled, rtol=1e-9, atol=1e-13)


def test_textbook_momentum_differs_under_a_schedule(grads):
    # the two forms part ways when η changes: V keeps the old η inside it
    lr = schedules.step(0.05, 10, 0.1)
    p0 = jnp.asarray([0.5, -1.0])
    V, want = np.zeros(2), []
    for t, g in enumerate(_numpy_grads(grads)):
        V = 0.9 * V - float(lr(t)) * g
        want.append(V.copy())
    got = _drive(optimizers.get("momentum", learning_rate=lr, momentum=0.9, form="textbook"), grads, p0)
    np.testing.assert_allclose(got, np.stack(want), rtol=1e-10, atol=1e-13)
    heavy = _drive(optimizers.get("momentum", learning_rate=lr, momentum=0.9), grads, p0)
    assert np.max(np.abs(got - heavy)) > 1e-3


def test_adam_without_bias_correction_follows_its_formula(grads):
    lr, b1, b2, eps = 0.01, 0.9, 0.999, 1e-8
    m = v = np.zeros(2)
    want = []
    for g in _numpy_grads(grads):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g * g
        want.append(-lr * m / (np.sqrt(v) + eps))
    got = _drive(optimizers.get("adam", learning_rate=lr, b1=b1, b2=b2, eps=eps, bias_correction=False), grads, jnp.zeros(2))
    np.testing.assert_allclose(got, np.stack(want), rtol=1e-10, atol=1e-14)
    # and the first step is (1−β₁)/√(1−β₂) ≈ 3.2 times Adam's corrected first step
    raw = _drive(optimizers.get("adam", learning_rate=lr, eps=1e-30, bias_correction=False), grads[:1], jnp.zeros(2))
    corrected = _drive(optimizers.get("adam", learning_rate=lr, eps=1e-30), grads[:1], jnp.zeros(2))
    np.testing.assert_allclose(raw[0] / corrected[0], (1 - b1) / np.sqrt(1 - b2), rtol=1e-9)


def test_adagrad_cs231n_first_step_is_sign_of_gradient(grads):
    # CS231n starts the accumulator at 0: the first step is η·g/|g| per coordinate
    got = _drive(optimizers.get("adagrad", learning_rate=0.1, initial_accumulator_value=0.0, eps=1e-12), grads[:1], jnp.zeros(2))
    np.testing.assert_allclose(got[0], -0.1 * np.sign(np.asarray(grads[0])), rtol=1e-6)


def test_coupled_l2_is_optax_add_decayed_weights_before_the_rule(grads):
    from optimizers.weight_decay import add_decayed_weights

    p0 = jnp.asarray([0.5, -1.0])
    ours = chain(add_decayed_weights(0.3), optimizers.get("adam", learning_rate=0.01))
    theirs = optax.chain(optax.add_decayed_weights(0.3), optax.adam(0.01))
    np.testing.assert_allclose(_drive(ours, grads, p0), _drive(theirs, grads, p0), rtol=1e-10, atol=1e-13)
