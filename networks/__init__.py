"""The same optimizers on a small real network: data, model, training, pictures of its loss, its curvature.

>>> import networks
>>> d = networks.dataset("spirals", n_samples=200, noise=0.1, test_fraction=0.5, seed=0)
>>> m = networks.model(d, hidden=(16, 16))
>>> r = networks.train(m, "adam", steps=200, batch_size=32, learning_rate=1e-2)
>>> r.theta.shape == (201, m.n_params)
True

Nothing here imports the UI (TensorFlow Playground's ``nn.ts`` rule): pages draw what these return.
"""

from optimizers import runtime as _runtime

_runtime.configure_xla()  # noqa: E402  (before any computation starts XLA's backend, as `optimizers` does)
from .curvature import along, hessian_extremes, lanczos
from .data import NAMES as DATASETS, Dataset, dataset
from .mlp import ACTIVATIONS, Architecture, Model, model
from .plane import Plane, filter_normalized, plane, random_line, random_plane
from .train import Run, train

__all__ = ["ACTIVATIONS", "DATASETS", "Architecture", "Dataset", "Model", "Plane", "Run", "along", "dataset",
           "filter_normalized", "hessian_extremes", "lanczos", "model", "plane", "random_line", "random_plane",
           "train"]
