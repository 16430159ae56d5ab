"""Lesson 8: saddle points, plateaus and local minima: where gradient descent stalls, crawls or settles too early."""

import math

import numpy as np
import streamlit as st

import landscapes
import optimizers
from figures import lesson_saddles as fx
from figures.colors import GUIDE, color
from figures.curves import loss_curves_figure
from figures.paths import Path
from lab import scene as sc
from lab.i18n import figure_text, rule_title, t
from lessons import saddles as ls
from optimizers import adagrad, oracle
from ui import chart, lesson as ui

K = "saddles"
STEPS = 300
MOMENTUM = 0.9  # β of every momentum run on this page
SADDLE_X0 = -2.5  # the saddle surface's suggested start; y₀ is the page's main control
SADDLE = (0.0, 0.0)
Y0_OPTIONS = (0.0, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1)
LR_OPTIONS = (0.02, 0.05, 0.1, 0.2, 0.3)
RADIUS_OPTIONS = (0.05, 0.1, 0.25, 0.5)
NOISE_SEEDS = 20
GROWTH_Y0 = 1e-6  # section 2 starts this close to the ridge, so the linear stretch is long
GROWTH_BAND = (1e-4, 1e-2)  # |y| band where the growth is measured: past the start's transient, before the quartic
ADAPTIVE_RULES = ("sgd", "adagrad", "rmsprop", "adam")
ADAPTIVE_LR = 0.1
ADAPTIVE_Y0 = 1e-4
ADAPTIVE_RADIUS = 0.25
ORIENTATIONS = ("turned", "aligned")
PLATEAU_LR = 0.1
PLATEAU_REACH = 0.5  # "reached the well": f below this
BASIN_SURFACES = ("himmelblau", "double_well")
BASIN_RULES = ("sgd", "momentum")
BASIN_LR_OPTIONS = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2)
BASIN_LR = {"himmelblau": 0.01, "double_well": 0.05}
BASIN_GRID = 21  # starts per side
BASIN_TOL = 0.1  # a run "reached" a minimum when it ends this close to it
PATH_STARTS = ((-0.6, 0.9), (-0.9, -0.5), (0.7, -0.9), (0.9, 0.6))  # a few drawn paths, as fractions of the half-domain
WELL_LR = 0.05
WELL_SEEDS = 64
WELL_DRAWN = 3  # noisy paths drawn
WELL_SIGMA_MAX = 6.0
GOE_DIMS = tuple(range(1, 9))
GOE_SAMPLES = 50_000
DEFAULTS = {"y0": 1e-4, "lr": 0.1, "noise": 0.05, "radius": 0.25, "width": 0.6, "orientation": "turned",
            "basin_surface": "himmelblau", "basin_rule": "sgd", "basin_lr": BASIN_LR["himmelblau"], "well_sigma": 3.0}


def k(name: str) -> str:
    return f"{K}.{name}"


def on_ridge() -> None:
    """Try this: start exactly on the ridge y = 0, where only noise can push the point off."""
    st.session_state.update({k("y0"): 0.0, k("lr"): 0.1, k("noise"): 0.05, k("radius"): 0.25})


def on_basin_surface() -> None:
    st.session_state[k("basin_lr")] = BASIN_LR[st.session_state[k("basin_surface")]]


def rule_kw(rule: str, lr: float) -> dict:
    return {"learning_rate": lr, **({"momentum": MOMENTUM} if rule == "momentum" else {})}


def gd(lang: str) -> str:
    return rule_title("sgd", lang, stochastic=False)


@st.cache_data(max_entries=16, show_spinner=False)
def grid_of(name: str, params: tuple) -> tuple:
    surface = ls.rotated_saddle() if name == "rotated" else landscapes.get(name, **dict(params))
    return surface.grid(120)


@st.cache_data(max_entries=16, show_spinner=False)
def basin_map(surface_name: str, rule: str, lr: float, n: int, steps: int):
    """The minimum reached from each start of an n × n grid: all n² runs in one vectorised program."""
    return ls.basins(landscapes.get(surface_name), rule, n, steps, BASIN_TOL, **rule_kw(rule, lr))


@st.cache_data(max_entries=32, show_spinner=False)
def well_escapes(sigma: float) -> tuple[int, int]:
    """Of `WELL_SEEDS` noisy GD runs from the shallow minimum, how many end on the deeper well's side; and without noise."""
    surface = landscapes.get("double_well")
    start = surface.minima[1]
    out = []
    for s in (sigma, 0.0):
        xy = ls.noisy_runs(surface, start, STEPS, range(WELL_SEEDS), learning_rate=WELL_LR, noise=s)
        out.append(int(np.sum(ls.on_deep_side(xy[:, -1], surface))))
    return out[0], out[1]


@st.cache_data(max_entries=2, show_spinner=False)
def goe_counts(samples: int) -> list[int]:
    return ls.goe_all_positive(GOE_DIMS, samples, seed=0).tolist()


def lesson() -> None:
    lang = ui.lang()
    ui.header(K, {k(name): value for name, value in DEFAULTS.items()})
    words = {w: t(f"lesson.saddles.fig.{w}", lang) for w in ("step", "start", "minimum", "saddle")}
    saddle_section(lang, words)
    ui.explain(
        K,
        r"\theta_{t+1} = \theta_t - \eta\,\nabla f(\theta_t)",
        r"f(x,y) = a\,x^2 - b\,y^2 + c\,y^4,\qquad \nabla^2 f(0,0) = \begin{pmatrix}2a & 0\\ 0 & -2b\end{pmatrix}",
        r"x_{t+1} \approx (1-2a\eta)\,x_t,\quad y_{t+1} \approx (1+2b\eta)\,y_t"
        r"\;\Rightarrow\; T_r \approx \frac{\ln(r/|y_0|)}{\ln(1+2b\eta)} - \frac{\ln(|x_0|/r)}{\ln\frac{1}{1-2a\eta}}",
    )
    ui.try_this(K, on_ridge)
    growth_section(lang)
    adaptive_section(lang, words)
    plateau_section(lang, words)
    basin_section(lang, words)
    well_section(lang, words)
    dimension_section(lang)
    ui.source(ls.steps_near, ls.linear_saddle_steps, ls.growth_momentum, ls.measured_growth, oracle.gaussian_noise,
              adagrad.scale_by_rss, ls.basins, ls.on_deep_side, ls.goe_all_positive)
    ui.references("cs231n", "dauphin2014", "duchi2011", "kingma2015", "ng_dl")


def saddle_section(lang: str, words: dict) -> None:
    """1) Four optimizers from one start near the ridge, and how many steps each spends near the saddle."""
    a, b = st.columns(2)
    a.select_slider(t("lesson.saddles.y0", lang), Y0_OPTIONS, key=k("y0"),
                    format_func=lambda v: "0" if v == 0 else f"{v:.0e}")
    b.select_slider(t("lesson.saddles.lr", lang), LR_OPTIONS, key=k("lr"))
    slot = st.container()  # the figure, above the secondary controls that also shape it
    c, d = st.columns(2)
    c.slider(t("lesson.saddles.noise", lang), 0.0, 0.5, step=0.01, key=k("noise"))
    d.select_slider(t("lesson.saddles.radius", lang), RADIUS_OPTIONS, key=k("radius"))
    ss = st.session_state
    y0, lr, sigma, radius = float(ss[k("y0")]), float(ss[k("lr")]), float(ss[k("noise")]), float(ss[k("radius")])
    surface = landscapes.get("saddle")
    start = (SADDLE_X0, y0)
    contestants = [
        (gd(lang), sc.Contestant("sgd", {"learning_rate": lr})),
        (t("lesson.saddles.momentum", lang, beta=MOMENTUM), sc.Contestant("momentum", rule_kw("momentum", lr))),
        (t("lesson.saddles.noisy", lang, sgd=rule_title("sgd", lang, stochastic=True), sigma=f"{sigma:g}"),
         sc.Contestant("sgd", {"learning_rate": lr, "noise": sigma})),
        (rule_title("adam", lang), sc.Contestant("adam", {"learning_rate": lr})),
    ]
    paths, bars = [], []
    for i, (label, con) in enumerate(contestants):
        traj = optimizers.run(surface, con.rule, start, STEPS, **con.hp)
        paths.append(Path(label, color(i), traj))
        if con.hp.get("noise"):
            # noise: one count per seed, all seeds in one program (the path drawn is seed 0)
            counts = ls.near_counts(surface, con.rule, start, STEPS, range(NOISE_SEEDS), radius, SADDLE, **con.hp)
            bars.append(fx.Bar(label, color(i), float(np.mean(counts)), float(counts.min()), float(counts.max())))
        else:
            bars.append(fx.Bar(label, color(i), ls.steps_near(traj.xy, SADDLE, radius)))
    p = surface.params
    theory = ls.linear_saddle_steps(p["a"], p["b"], lr, start, radius)
    with slot:
        left, right = st.columns([3, 2])
        chart.figure(fx.paths_figure(grid_of("saddle", ()), paths, f_min=surface.f_min, minima=surface.minima,
                                     saddles=surface.saddles, circle=(SADDLE, radius), labels=words,
                                     projector=ui.projector()), key=k("saddle_chart"), where=left)
        bar_words = {"axis": t("lesson.saddles.fig.near", lang), "theory": t("lesson.saddles.fig.theory", lang)}
        chart.figure(fx.near_saddle_figure(bars, theory=theory, labels=bar_words, projector=ui.projector()),
                     key=k("near_chart"), where=right)
        if math.isinf(theory):
            st.caption(t("lesson.saddles.near.ridge", lang, gd=gd(lang), measured=bars[0].value, steps=STEPS))
        else:
            st.caption(t("lesson.saddles.near.theory", lang, gd=gd(lang), shrink=f"{1 - 2 * p['a'] * lr:.3g}",
                         grow=f"{1 + 2 * p['b'] * lr:.3g}", theory=f"{theory:.1f}", measured=bars[0].value))
        st.caption(t("lesson.saddles.near.caption", lang, r=f"{radius:g}", steps=STEPS, seeds=NOISE_SEEDS,
                     sgd=rule_title("sgd", lang, stochastic=True)))
    ui.playground_link(sc.Scene(surface="saddle", start=start, steps=STEPS, contestants=[c for _, c in contestants]))


def growth_section(lang: str) -> None:
    """2) Why momentum leaves sooner: |y| grows by the recurrence's root, measured against the formulas."""
    st.subheader(t("lesson.saddles.sec.growth", lang))
    lr = float(st.session_state[k("lr")])
    surface = landscapes.get("saddle")
    b = float(surface.params["b"])
    start = (SADDLE_X0, GROWTH_Y0)
    runs = {"sgd": optimizers.run(surface, "sgd", start, STEPS, learning_rate=lr),
            "momentum": optimizers.run(surface, "momentum", start, STEPS, **rule_kw("momentum", lr))}
    measured = {r: ls.measured_growth(tr.xy[:, 1], *GROWTH_BAND) for r, tr in runs.items()}
    formulas = {"gd": ls.growth_gd(b, lr), "root": ls.growth_momentum(b, lr, MOMENTUM),
                "approx": ls.growth_momentum_approx(b, lr, MOMENTUM)}
    st.markdown(t("lesson.saddles.growth.text", lang, y0=f"{GROWTH_Y0:g}"))
    ui.formula(r"y_{t+1} = (1 + 2b\eta)\,y_t \qquad\text{(GD)}",
               r"y_{t+1} = (1 + \beta + 2b\eta)\,y_t - \beta\,y_{t-1}\;\Rightarrow\;"
               r"r^2 - (1 + \beta + 2b\eta)\,r + \beta = 0,\quad r \approx 1 + \frac{2b\eta}{1-\beta}"
               r"\quad (2b\eta \ll (1-\beta)^2)")
    names = {"gd": gd(lang), "momentum": t("lesson.saddles.momentum", lang, beta=MOMENTUM)}
    series = [(names["gd"], color(0), runs["sgd"].xy[:, 1]), (names["momentum"], color(1), runs["momentum"].xy[:, 1])]
    guides = []
    for (rule, key, c), dash in zip((("sgd", "gd", color(0)), ("momentum", "root", color(1)), ("momentum", "approx", GUIDE)),
                                    ("dash", "dash", "dot")):
        _, first, last = measured[rule]
        y_first = abs(float(runs[rule].xy[first, 1]))
        if y_first > 0 and last > first:
            guides.append(fx.Guide(t(f"lesson.saddles.growth.{key}", lang, r=f"{formulas[key]:.4g}"), c, formulas[key],
                                   first, y_first, last, dash))
    # the step axis ends a little after GD has left (|y| > 1): what follows is the stay at a minimum
    out = np.flatnonzero(np.abs(np.nan_to_num(runs["sgd"].xy[:, 1])) > 1.0)
    x_max = 1.3 * out[0] if out.size else None
    chart.figure(fx.growth_figure(series, guides, window=GROWTH_BAND, x_max=x_max,
                                  labels={"step": t("lesson.saddles.fig.step", lang), "axis": "|y|"},
                                  projector=ui.projector()), key=k("growth_chart"))
    fmt = {r: ("—" if math.isnan(m[0]) else f"{m[0]:.4g}") for r, m in measured.items()}
    st.caption(t("lesson.saddles.growth.caption", lang, lo=f"{GROWTH_BAND[0]:g}", hi=f"{GROWTH_BAND[1]:g}",
                 gd_m=fmt["sgd"], gd_f=f"{formulas['gd']:.4g}", mom_m=fmt["momentum"], root=f"{formulas['root']:.4g}",
                 approx=f"{formulas['approx']:.4g}", h=f"{2 * b * lr:.3g}", small=f"{(1 - MOMENTUM) ** 2:.3g}"))


def adaptive_section(lang: str, words: dict) -> None:
    """3) AdaGrad lingers at a saddle it approaches along the diagonal: its summed squares shrink every step."""
    st.subheader(t("lesson.saddles.sec.adaptive", lang))
    st.markdown(t("lesson.saddles.adaptive.text", lang, lr=ADAPTIVE_LR, y0=f"{ADAPTIVE_Y0:g}"))
    ui.formula(r"G_t = G_{t-1} + g_t^2,\qquad \theta_{t+1} = \theta_t - \eta\,\frac{g_t}{\sqrt{G_t + \epsilon}}"
               r"\qquad\text{(AdaGrad)}",
               r"\nu_t = \rho\,\nu_{t-1} + (1-\rho)\,g_t^2,\qquad \theta_{t+1} = \theta_t - \eta\,"
               r"\frac{g_t}{\sqrt{\nu_t + \epsilon}}\qquad\text{(RMSProp)}")
    st.radio(t("lesson.saddles.orientation", lang), ORIENTATIONS, key=k("orientation"), horizontal=True,
             format_func=lambda o: t(f"lesson.saddles.orientation.{o}", lang))
    turned = st.session_state[k("orientation")] == "turned"
    surface = ls.rotated_saddle() if turned else landscapes.get("saddle")
    start = ls.rotated_point(SADDLE_X0, ADAPTIVE_Y0) if turned else (SADDLE_X0, ADAPTIVE_Y0)
    paths, bars = [], []
    for i, rule in enumerate(ADAPTIVE_RULES):
        traj = optimizers.run(surface, rule, start, STEPS, learning_rate=ADAPTIVE_LR)
        label = gd(lang) if rule == "sgd" else rule_title(rule, lang)
        paths.append(Path(label, color(i), traj))
        bars.append(fx.Bar(label, color(i), ls.steps_near(traj.xy, SADDLE, ADAPTIVE_RADIUS)))
    left, right = st.columns([3, 2])
    grid = grid_of("rotated" if turned else "saddle", ())
    chart.figure(fx.paths_figure(grid, paths, minima=surface.minima, saddles=(SADDLE,), circle=(SADDLE, ADAPTIVE_RADIUS),
                                 labels=words, projector=ui.projector()), key=k("adaptive_chart"), where=left)
    chart.figure(fx.near_saddle_figure(bars, labels={"axis": t("lesson.saddles.fig.near", lang)}, projector=ui.projector()),
                 key=k("adaptive_bars"), where=right)
    counts = {r: int(bar.value) for r, bar in zip(ADAPTIVE_RULES, bars)}
    st.caption(t(f"lesson.saddles.adaptive.{'turned' if turned else 'aligned'}", lang, r=ADAPTIVE_RADIUS,
                 adagrad=counts["adagrad"], rmsprop=counts["rmsprop"], adam=counts["adam"], gd=counts["sgd"]))


def plateau_section(lang: str, words: dict) -> None:
    """4) GD, momentum and Adam on the plateau: the gradient is tiny there, but not zero."""
    st.subheader(t("lesson.saddles.sec.plateau", lang))
    st.markdown(t("lesson.saddles.plateau.intro", lang, lr=PLATEAU_LR))
    st.slider(t("lesson.saddles.width", lang), 0.2, 2.0, step=0.02, key=k("width"))
    width = float(st.session_state[k("width")])
    surface = landscapes.get("plateau", width=width)
    paths = [
        Path(gd(lang) if rule == "sgd" else rule_title(rule, lang), color(i),
             optimizers.run(surface, rule, None, STEPS, **rule_kw(rule, PLATEAU_LR)))
        for i, rule in enumerate(("sgd", "momentum", "adam"))
    ]
    g0 = float(np.linalg.norm(np.asarray(surface.grad(surface.start))))
    left, right = st.columns([3, 2])
    chart.figure(fx.paths_figure(grid_of("plateau", (("width", width),)), paths, f_min=0.0, minima=surface.minima,
                                 labels=words, projector=ui.projector()), key=k("plateau_chart"), where=left)
    chart.figure(loss_curves_figure(paths, log=False, text=figure_text(lang), projector=ui.projector()),
                 key=k("plateau_loss"), where=right)
    first = [float(np.linalg.norm(p.traj.xy[1] - p.traj.xy[0])) for p in paths]
    never = t("lesson.saddles.never", lang, steps=STEPS)
    st.dataframe(
        [{
            t("lesson.saddles.col.rule", lang): p.label,
            t("lesson.saddles.col.grad", lang): f"{g0:.3g}",
            t("lesson.saddles.col.first", lang): f"{step:.3g}",
            t("lesson.saddles.col.reach", lang): never if (n := p.traj.steps_to(PLATEAU_REACH)) is None else str(n),
        } for p, step in zip(paths, first)],
        hide_index=True,
    )
    if g0 == 0.0:
        st.warning(t("lesson.saddles.plateau.zero", lang))
    else:
        spacing = float(np.spacing(np.float32(max(abs(c) for c in surface.start))))
        st.caption(t("lesson.saddles.plateau.grad", lang, grad=f"{g0:.3g}", gd_step=f"{PLATEAU_LR * g0:.3g}",
                     spacing=f"{spacing:.2g}", adam_step=f"{first[2]:.3g}"))


def basin_section(lang: str, words: dict) -> None:
    """5) A grid of starts, each coloured by the minimum its run reaches, and a few of those runs."""
    st.subheader(t("lesson.saddles.sec.basins", lang))
    a, b, c = st.columns(3)
    a.radio(t("lesson.saddles.basin_surface", lang), BASIN_SURFACES, key=k("basin_surface"), on_change=on_basin_surface,
            format_func=lambda n: t(f"surface.{n}", lang), horizontal=True)
    b.radio(t("lesson.saddles.basin_rule", lang), BASIN_RULES, key=k("basin_rule"),
            format_func=lambda r: gd(lang) if r == "sgd" else rule_title(r, lang), horizontal=True)
    c.select_slider(t("lesson.saddles.basin_lr", lang), BASIN_LR_OPTIONS, key=k("basin_lr"))
    ss = st.session_state
    name, rule, lr = ss[k("basin_surface")], ss[k("basin_rule")], float(ss[k("basin_lr")])
    surface = landscapes.get(name)
    xs, ys, basin = basin_map(name, rule, lr, BASIN_GRID, STEPS)
    (x0, x1), (y0, y1) = surface.domain
    few = []
    for u, v in PATH_STARTS:
        x, y = (x0 + x1) / 2 + u * (x1 - x0) / 2, (y0 + y1) / 2 + v * (y1 - y0) / 2
        label = t("lesson.saddles.run_from", lang, x=f"{x:.2g}", y=f"{y:.2g}")
        few.append(Path(label, "#333333", optimizers.run(surface, rule, (x, y), STEPS, **rule_kw(rule, lr))))
    names = basin_names(name, surface.minima, lang)
    labels = {"not_settled": t("lesson.saddles.not_settled", lang), "diverged": t("lesson.saddles.diverged", lang),
              "step": words["step"], **{f"minimum_{i}": n for i, n in enumerate(names)}}
    left, right = st.columns([3, 2])
    chart.figure(fx.basin_figure(grid_of(name, ()), xs, ys, basin, surface.minima, few, log=surface.log_levels,
                                 labels=labels, projector=ui.projector()), key=k("basin_chart"), where=left)
    right.caption(t("lesson.saddles.basins.caption", lang, n=BASIN_GRID, steps=STEPS, tol=BASIN_TOL, beta=MOMENTUM))
    counts = [(n, int(np.sum(basin == i))) for i, n in enumerate(names)]
    for word, code in (("not_settled", ls.NOT_SETTLED), ("diverged", ls.DIVERGED_CODE)):
        counts.append((labels[word], int(np.sum(basin == code))))
    right.markdown("  \n".join(t("lesson.saddles.basins.count", lang, name=n, count=c_, share=f"{c_ / basin.size:.0%}")
                               for n, c_ in counts if c_ or n in names))
    right.markdown(t("lesson.saddles.basins.note", lang))
    if name == "double_well":
        # x₀ left of the saddle should end in the left (global) well, right of it in the right one
        (saddle_x, _), = surface.saddles
        left_well = int(np.argmin([m[0] for m in surface.minima]))
        want = np.where(xs[None, :] < saddle_x, left_well, 1 - left_well)
        agree = int(np.sum(basin == np.broadcast_to(want, basin.shape)))
        right.markdown(t("lesson.saddles.basins.side", lang, xs=f"{saddle_x:.3f}", agree=agree, total=basin.size))


def basin_names(surface_name: str, minima, lang: str) -> list[str]:
    """Names of the minima: global and local for the double well (deepest listed first), coordinates otherwise."""
    if surface_name == "double_well":
        return [t("lesson.saddles.global", lang), *[t("lesson.saddles.local", lang)] * (len(minima) - 1)]
    return [t("lesson.saddles.minimum_at", lang, x=f"{x:.2f}", y=f"{y:.2f}") for x, y in minima]


def well_section(lang: str, words: dict) -> None:
    """6) Gradient noise kicks GD out of the shallow well of the double well; without noise it never leaves."""
    st.subheader(t("lesson.saddles.sec.well", lang))
    st.markdown(t("lesson.saddles.well.text", lang, lr=WELL_LR, steps=STEPS))
    st.slider(t("lesson.saddles.well.sigma", lang), 0.0, WELL_SIGMA_MAX, step=0.25, key=k("well_sigma"))
    sigma = float(st.session_state[k("well_sigma")])
    surface = landscapes.get("double_well")
    start = surface.minima[1]  # the shallow, local minimum (the deepest is listed first)
    sgd = rule_title("sgd", lang, stochastic=True)
    paths = [Path(gd(lang), "#333333", optimizers.run(surface, "sgd", start, STEPS, learning_rate=WELL_LR))]
    paths += [Path(t("lesson.saddles.well.seed", lang, sgd=sgd, seed=s), color(s),
                   optimizers.run(surface, "sgd", start, STEPS, learning_rate=WELL_LR, noise=sigma, seed=s))
              for s in range(WELL_DRAWN)] if sigma > 0 else []
    left, right = st.columns([3, 2])
    chart.figure(fx.paths_figure(grid_of("double_well", ()), paths, minima=surface.minima, saddles=surface.saddles,
                                 labels=words, projector=ui.projector()), key=k("well_chart"), where=left)
    escaped, escaped_gd = well_escapes(sigma)
    right.caption(t("lesson.saddles.well.caption", lang, sigma=f"{sigma:g}", k=escaped, n=WELL_SEEDS, k0=escaped_gd,
                    steps=STEPS, last=WELL_DRAWN - 1))


def dimension_section(lang: str) -> None:
    """7) The counting argument: random symmetric matrices are rarely positive definite in many dimensions."""
    st.subheader(t("lesson.saddles.sec.dims", lang))
    st.markdown(t("lesson.saddles.dims.intro", lang, samples=f"{GOE_SAMPLES:,}"))
    counts = goe_counts(GOE_SAMPLES)
    keys = {"axis": "fraction", "dimension": "dimension", "coin": "coin", "bound": "bound", "measured": "measured"}
    labels = {w: t(f"lesson.saddles.fig.{key}", lang) for w, key in keys.items()}
    chart.figure(fx.goe_figure(GOE_DIMS, counts, GOE_SAMPLES, labels=labels, projector=ui.projector()), key=k("goe_chart"))
    last = max(d for d, n in zip(GOE_DIMS, counts) if n > 0)
    st.caption(t("lesson.saddles.dims.caption", lang,
                 p1=f"{counts[0] / GOE_SAMPLES:.3f}", p2=f"{counts[1] / GOE_SAMPLES:.3f}",
                 exact2=f"{(2 - math.sqrt(2)) / 4:.3f}", dl=last, pl=f"{counts[GOE_DIMS.index(last)] / GOE_SAMPLES:.1e}",
                 samples=f"{GOE_SAMPLES:,}"))
    st.info(t("lesson.saddles.dims.care", lang))


lesson()
