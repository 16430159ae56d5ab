"""Texts of lesson 8: saddle points, plateaus and local minima."""

TEXTS: dict[str, dict[str, str]] = {
    "nav.saddles": {"en": "8 · Saddles, plateaus, local minima", "ko": "8 · 안장점, 평탄한 지대, 지역 최솟값"},
    "lesson.saddles.title": {
        "en": "Saddle points, plateaus and local minima",
        "ko": "안장점, 평탄한 지대(플래토), 지역 최솟값",
    },
    "lesson.saddles.claim": {
        "en": "At a saddle point the way out grows by only 1 + 2bη per step, so GD waits there; momentum, noise and "
        "Adam leave much sooner.",
        "ko": "안장점에서 빠져나가는 방향의 성분은 스텝마다 1 + 2bη배씩만 커지므로 GD는 그곳에 오래 머뭅니다. "
        "모멘텀, 잡음, Adam은 훨씬 빨리 빠져나옵니다.",
    },
    "lesson.saddles.p1": {
        "en": "Gradient descent stops where the gradient is zero. That point is a minimum only if the loss curves up "
        "in every direction. At a **saddle point** it curves up along some directions and down along others; on a "
        "**plateau** the gradient is not zero but so small that a step of η‖∇f‖ goes almost nowhere; and a **local "
        "minimum** curves up everywhere but is not the lowest point.",
        "ko": "경사하강법은 기울기가 0인 곳에서 멈춥니다. 그 점이 최솟값이려면 손실이 모든 방향으로 위로 휘어 있어야 "
        "합니다. **안장점**에서는 어떤 방향으로는 위로, 다른 방향으로는 아래로 휘어 있습니다. **평탄한 "
        "지대**(플래토)에서는 기울기가 0은 아니지만 너무 작아서 η‖∇f‖ 크기의 스텝으로는 거의 움직이지 못합니다. "
        "**지역 최솟값**은 모든 방향으로 위로 휘어 있지만 가장 낮은 점은 아닙니다.",
    },
    "lesson.saddles.p2": {
        "en": "The surface above is f = a x² − b y² + c y⁴ (a = b = 1, c = 1/4). At the origin its Hessian is "
        "diag(2a, −2b): along x the loss curves up (the way in), along y it curves down (the way out). A run that "
        "starts close to the ridge y = 0 slides in along x. Near the saddle the y-part of the gradient, −2by, is as "
        "small as y itself, so GD's y grows only by the factor 1 + 2bη per step: the closer to the ridge it starts, "
        "the longer it waits.",
        "ko": "위의 곡면은 f = a x² − b y² + c y⁴ (a = b = 1, c = 1/4)입니다. 원점에서 헤세 행렬은 diag(2a, "
        "−2b)입니다. x 방향으로는 손실이 위로 휘고(들어가는 길), y 방향으로는 아래로 휩니다(빠져나가는 길). 능선 y = "
        "0 가까이에서 출발한 실행은 x 방향을 따라 안장점으로 미끄러져 들어갑니다. 안장점 근처에서 기울기의 y 성분 "
        "−2by는 y만큼이나 작아서, GD의 y는 스텝마다 1 + 2bη배씩만 커집니다. 능선 가까이에서 출발할수록 더 오래 "
        "머뭅니다.",
    },
    "lesson.saddles.p3": {
        "en": "Momentum does not roll through on the speed it built on the way in: that speed points along x, the "
        "stable axis, and it dies away at the saddle. What momentum does is add up the small y-gradients, which all "
        "point the same way: y then grows per step by the larger root of r² − (1 + β + 2bη) r + β = 0, about "
        "1 + 2bη/(1 − β) when 2bη ≪ (1 − β)², instead of GD's 1 + 2bη (measured in the next figure). Gradient noise "
        "(the randomness of a mini-batch, modelled here as σ·ξ added to the gradient: the run is then SGD) kicks the "
        "point off the ridge. Adam divides each coordinate's step by that coordinate's own gradient size, so even a "
        "tiny y-gradient gives a step of about η.",
        "ko": "모멘텀은 들어오면서 얻은 속도로 안장점을 굴러 지나가는 것이 아닙니다. 그 속도는 안정한 축인 x "
        "방향이라서 안장점에서 사라집니다. 모멘텀이 하는 일은 방향이 모두 같은 작은 y 기울기를 차곡차곡 더하는 "
        "것입니다. 그러면 y는 스텝마다 GD의 1 + 2bη배가 아니라 r² − (1 + β + 2bη) r + β = 0의 큰 근만큼 커지며, 이 "
        "근은 2bη ≪ (1 − β)²일 때 약 1 + 2bη/(1 − β)입니다(다음 그림에서 측정합니다). 기울기 잡음(미니배치의 "
        "무작위성을 여기서는 기울기에 더한 σ·ξ로 모형화합니다. 그러면 실행은 SGD가 됩니다)은 점을 능선 밖으로 "
        "밀어냅니다. Adam은 좌표마다 그 좌표의 기울기 크기로 나누어 스텝을 정하므로, 아주 작은 y 기울기로도 약 η "
        "크기의 스텝을 밟습니다.",
    },
    "lesson.saddles.p4": {
        "en": "The course notes (CS231n, lecture 7) warn that pictures in one or two dimensions make local minima look "
        "like the main danger, while in high dimensions it is the other way round: with millions of directions, a "
        "point where the gradient vanishes almost always has some direction that still goes down. Near such a saddle "
        "the gradient is tiny too, so training slows down there, for SGD as well as for full-batch GD (noise only "
        "shortens the stay, as the first figure measures).",
        "ko": "강의 노트(CS231n 7강)는 1차원이나 2차원 그림에서는 지역 최솟값이 가장 큰 위험처럼 보이지만, "
        "고차원에서는 그 반대라고 경고합니다. 방향이 수백만 개라면 기울기가 0인 점에도 거의 언제나 아직 내려가는 "
        "방향이 남아 있습니다. 그런 안장점 근처에서는 기울기도 아주 작아서 전체 배치 GD뿐 아니라 "
        "SGD도 느려집니다(잡음은 머무는 시간을 줄일 뿐이며, 첫 그림이 이를 측정합니다).",
    },
    "lesson.saddles.p5": {
        "en": "Saddles and plateaus make training slow; local minima can make it end in the wrong place. Which minimum "
        "a run reaches depends on where it starts and on how it moves.",
        "ko": "안장점과 평탄한 지대는 학습을 느리게 만들고, 지역 최솟값은 학습을 엉뚱한 곳에서 끝나게 할 수 있습니다. "
        "어느 최솟값에 도착하는지는 어디서 출발하는지, 그리고 어떻게 움직이는지에 달려 있습니다.",
    },
    "lesson.saddles.try": {
        "en": "Put the start exactly on the ridge, y₀ = 0. The gradient then has no y-part at all: GD, momentum and even "
        "Adam slide into the saddle and stay there. Only the noisy gradient (SGD) gets out.",
        "ko": "출발점을 정확히 능선 위, y₀ = 0에 두어 보세요. 그러면 기울기에 y 성분이 전혀 없어서 GD, 모멘텀, 그리고 "
        "Adam까지 안장점으로 미끄러져 들어가 그대로 머뭅니다. 잡음이 섞인 기울기(SGD)만 빠져나옵니다.",
    },
    "lesson.saddles.try.button": {"en": "Start on the ridge", "ko": "능선 위에서 출발"},
    # 1) the saddle (the first screen)
    "lesson.saddles.y0": {"en": "Start's distance from the ridge, y₀", "ko": "출발점과 능선 사이의 거리 y₀"},
    "lesson.saddles.lr": {"en": "Learning rate η (all four)", "ko": "학습률 η (네 방법 모두)"},
    "lesson.saddles.noise": {"en": "Gradient noise σ (SGD)", "ko": "기울기 잡음 σ (SGD)"},
    "lesson.saddles.radius": {"en": "Radius r around the saddle", "ko": "안장점 주변 반지름 r"},
    "lesson.saddles.momentum": {"en": "Momentum β = {beta}", "ko": "모멘텀 β = {beta}"},
    "lesson.saddles.noisy": {"en": "{sgd}, σ = {sigma}", "ko": "{sgd}, σ = {sigma}"},
    "lesson.saddles.fig.step": {"en": "step", "ko": "스텝"},
    "lesson.saddles.fig.start": {"en": "start", "ko": "출발점"},
    "lesson.saddles.fig.minimum": {"en": "minimum", "ko": "최솟값"},
    "lesson.saddles.fig.saddle": {"en": "saddle point", "ko": "안장점"},
    "lesson.saddles.fig.near": {"en": "steps within r of the saddle", "ko": "안장점에서 r 안에 머문 스텝 수"},
    "lesson.saddles.fig.theory": {"en": "GD, linear theory", "ko": "GD, 선형 근사 이론"},
    "lesson.saddles.near.caption": {
        "en": "Bars: steps whose position lies within r = {r} of the saddle (0, 0), out of {steps}. {sgd}: the mean over "
        "{seeds} noise seeds, the whisker from the lowest to the highest count; the path drawn is seed 0.",
        "ko": "막대: 전체 {steps}스텝 가운데 위치가 안장점 (0, 0)에서 반지름 r = {r} 안에 있던 스텝의 수. {sgd}의 "
        "막대는 잡음 시드 {seeds}개의 평균이고, 수염은 가장 적은 값부터 가장 많은 값까지입니다. 그림의 경로는 시드 "
        "0입니다.",
    },
    "lesson.saddles.near.theory": {
        "en": "Linearised at the saddle, x shrinks by 1 − 2aη = {shrink} per step and y grows by 1 + 2bη = {grow}, so "
        "{gd} should spend about **{theory}** steps within r; on the path it spent **{measured}**.",
        "ko": "안장점에서 선형으로 근사하면 x는 스텝마다 1 − 2aη = {shrink}배로 줄고 y는 1 + 2bη = {grow}배로 "
        "커지므로, {gd}의 경우 r 안에서 약 **{theory}** 스텝을 보내야 합니다. 실제 경로에서는 **{measured}** "
        "스텝이었습니다.",
    },
    "lesson.saddles.near.ridge": {
        "en": "Exactly on the ridge (y₀ = 0) the y-part of the gradient is exactly zero, and no deterministic method "
        "ever leaves the ridge: {gd} spent **{measured}** of its {steps} steps within r.",
        "ko": "정확히 능선 위(y₀ = 0)에서는 기울기의 y 성분이 정확히 0이라서, 잡음이 없는(결정론적) 방법은 능선을 "
        "결코 떠나지 못합니다. {gd}의 경우 {steps}스텝 중 **{measured}** 스텝을 r 안에서 보냈습니다.",
    },
    # 2) momentum's growth
    "lesson.saddles.sec.growth": {"en": "Why momentum leaves sooner: the way out grows faster",
                                  "ko": "모멘텀이 더 빨리 빠져나오는 이유: 빠져나가는 방향이 더 빨리 커진다"},
    "lesson.saddles.growth.text": {
        "en": "|y|, the distance from the ridge, against the step, for runs started at y₀ = {y0} with the η above. "
        "Near the saddle y moves on its own and linearly, so |y| grows by a fixed factor per step: a straight line on "
        "this log axis. The dashed lines are the formulas, laid on the measured band (shaded).",
        "ko": "능선에서의 거리 |y|를 스텝에 따라 그렸습니다. 모두 위의 η로 y₀ = {y0}에서 출발했습니다. 안장점 "
        "근처에서 y는 x와 따로, 선형으로 움직이므로 |y|는 스텝마다 일정한 배수로 커지고, 이 로그 축에서는 직선이 "
        "됩니다. 점선은 공식으로 구한 값이며, 음영으로 나타낸 측정값의 띠 위에 겹쳐 그렸습니다.",
    },
    "lesson.saddles.growth.gd": {"en": "1 + 2bη = {r}", "ko": "1 + 2bη = {r}"},
    "lesson.saddles.growth.root": {"en": "root of r² − (1+β+2bη)r + β = {r}", "ko": "r² − (1+β+2bη)r + β의 근 = {r}"},
    "lesson.saddles.growth.approx": {"en": "1 + 2bη/(1−β) = {r}", "ko": "1 + 2bη/(1−β) = {r}"},
    "lesson.saddles.growth.caption": {
        "en": "Measured growth of |y| per step, while {lo} ≤ |y| ≤ {hi}: GD {gd_m} (formula 1 + 2bη = {gd_f}); "
        "momentum {mom_m} (exact root {root}). The approximation 1 + 2bη/(1 − β) = {approx} holds only while "
        "2bη = {h} ≪ (1 − β)² = {small}; beyond that it overshoots, but the root always exceeds 1 + 2bη.",
        "ko": "{lo} ≤ |y| ≤ {hi} 구간에서 잰 |y|의 스텝당 증가율: GD {gd_m}(공식 1 + 2bη = {gd_f}), 모멘텀 "
        "{mom_m}(정확한 근 {root}). 근사식(1 + 2bη/(1 − β) = {approx})은 2bη = {h} ≪ (1 − β)² = {small}일 때만 맞고, "
        "그보다 크면 실제보다 크게 나옵니다. 하지만 근은 언제나 1 + 2bη보다 큽니다.",
    },
    # 3) AdaGrad at a saddle
    "lesson.saddles.sec.adaptive": {"en": "AdaGrad lingers at a saddle it approached diagonally",
                                    "ko": "AdaGrad는 대각선으로 다가간 안장점에서 오래 머문다"},
    "lesson.saddles.adaptive.text": {
        "en": "AdaGrad divides each coordinate's step by the root of that coordinate's summed squared gradients, and "
        "the sum only grows. The same saddle, turned by 45° (f = 2xy + (x − y)⁴/16), is approached along the diagonal: "
        "the large gradients of the way in fill *both* coordinates' sums, and the way out, also diagonal, then gets "
        "small steps. RMSProp and Adam average the squares with forgetting, so their steps recover. All runs: "
        "η = {lr}, y₀ = {y0} from the ridge.",
        "ko": "AdaGrad는 좌표마다 그 좌표의 기울기 제곱을 모두 더한 값의 제곱근으로 스텝을 나누는데, 이 합은 커지기만 "
        "합니다. 같은 안장점을 45° 돌린 곡면(f = 2xy + (x − y)⁴/16)에서는 대각선을 따라 다가갑니다. 들어오는 길의 큰 "
        "기울기가 *두* 좌표의 합을 모두 채우고, 역시 대각선인 빠져나가는 길에서는 스텝이 작아집니다. RMSProp과 Adam은 "
        "제곱을 잊어 가며 평균하므로 스텝이 다시 커집니다. 모든 실행: η = {lr}, 능선에서 y₀ = {y0}.",
    },
    "lesson.saddles.orientation": {"en": "The saddle", "ko": "안장점의 방향"},
    "lesson.saddles.orientation.turned": {"en": "turned by 45°", "ko": "45° 돌림"},
    "lesson.saddles.orientation.aligned": {"en": "along the axes", "ko": "축과 나란히"},
    "lesson.saddles.adaptive.turned": {
        "en": "Steps within r = {r} of the saddle: AdaGrad {adagrad}, RMSProp {rmsprop}, Adam {adam}, GD {gd}. Adam sits "
        "in between: with β₂ = 0.999 its (bias-corrected) average of squares still remembers the way in, but as an "
        "average over the steps so far, not a growing sum.",
        "ko": "안장점에서 r = {r} 안에 머문 스텝: AdaGrad {adagrad}, RMSProp {rmsprop}, Adam {adam}, GD {gd}. Adam은 그 "
        "사이입니다. β₂ = 0.999인 Adam의 (편향 보정된) 제곱 평균도 들어오는 길을 기억하지만, 커지기만 하는 합이 아니라 "
        "지금까지의 스텝에 대한 평균입니다.",
    },
    "lesson.saddles.adaptive.aligned": {
        "en": "Steps within r = {r} of the saddle: AdaGrad {adagrad}, RMSProp {rmsprop}, Adam {adam}, GD {gd}. Along the "
        "axes the way in is x and the way out is y: y's sum of squares stayed small (it starts at 0.1, optax's "
        "convention), so AdaGrad's y-steps are large and it does not linger. CS231n's warning holds when the "
        "accumulated squares sit in the coordinates the way out needs.",
        "ko": "안장점에서 r = {r} 안에 머문 스텝: AdaGrad {adagrad}, RMSProp {rmsprop}, Adam {adam}, GD {gd}. 축과 "
        "나란하면 들어오는 길은 x, 빠져나가는 길은 y입니다. y의 제곱합은 작게 남아 있으므로(optax의 관례대로 0.1에서 "
        "시작) AdaGrad의 y 스텝이 커서 오래 머물지 않습니다. CS231n의 경고는 쌓인 제곱이 빠져나가는 길에 필요한 "
        "좌표에 있을 때 들어맞습니다.",
    },
    # 4) the plateau
    "lesson.saddles.sec.plateau": {"en": "A plateau: tiny gradients far from the well", "ko": "평탄한 지대: 우물에서 먼 곳의 아주 작은 기울기"},
    "lesson.saddles.plateau.intro": {
        "en": "f = 1 − exp(−(x² + y²)/2w²) is almost exactly 1 far from the well, and its gradient shrinks like "
        "exp(−r²/2w²). GD moves η‖∇f‖ per step, so it crawls; Adam's normalised step moves about η per coordinate "
        "whatever the gradient's size. All three use η = {lr}.",
        "ko": "f = 1 − exp(−(x² + y²)/2w²)는 우물에서 멀리 떨어진 곳에서 거의 정확히 1이고, 기울기는 exp(−r²/2w²)처럼 "
        "줄어듭니다. GD는 스텝마다 η‖∇f‖만큼 움직이므로 기어가듯 느립니다. Adam의 정규화된 스텝은 기울기의 크기와 "
        "상관없이 좌표마다 약 η씩 움직입니다. 세 방법 모두 η = {lr}입니다.",
    },
    "lesson.saddles.width": {"en": "Well radius w", "ko": "우물의 반지름 w"},
    "lesson.saddles.col.rule": {"en": "Optimizer", "ko": "옵티마이저"},
    "lesson.saddles.col.grad": {"en": "‖∇f‖ at the start", "ko": "출발점의 ‖∇f‖"},
    "lesson.saddles.col.first": {"en": "Length of the first step", "ko": "첫 스텝의 길이"},
    "lesson.saddles.col.reach": {"en": "First step with f < 0.5", "ko": "f < 0.5가 된 첫 스텝"},
    "lesson.saddles.never": {"en": "not within {steps} steps", "ko": "{steps}스텝 안에 도달하지 못함"},
    "lesson.saddles.plateau.grad": {
        "en": "At the start the gradient's length is {grad}: GD's first step is η times that, {gd_step}. (The table's "
        "measured step differs a little: near this start float32 positions are {spacing} apart.) Adam's first step is "
        "{adam_step}, about η√2 (η along each coordinate).",
        "ko": "출발점에서 기울기의 길이는 {grad}입니다. GD의 첫 스텝은 그 η배인 {gd_step}입니다. (표에서 잰 스텝이 "
        "조금 다른 것은 이 출발점 근처에서 float32로 나타낼 수 있는 위치의 간격이 {spacing}이기 때문입니다.) Adam의 "
        "첫 스텝은 {adam_step}이며, 약 η√2(좌표마다 η)입니다.",
    },
    "lesson.saddles.plateau.zero": {
        "en": "At this w the gradient at the start is exactly 0 in float32: the exponential has underflowed. With no "
        "gradient at all, not even Adam moves (its step is 0/(0 + ε) = 0).",
        "ko": "이 w에서는 출발점의 기울기가 float32에서 정확히 0입니다. 지수 함수가 언더플로된 것입니다. 기울기가 전혀 "
        "없으면 Adam도 움직이지 못합니다(스텝이 0/(0 + ε) = 0).",
    },
    # 5) several minima
    "lesson.saddles.sec.basins": {"en": "Several minima: the start decides the end", "ko": "여러 개의 최솟값: 출발점이 도착점을 정한다"},
    "lesson.saddles.basin_surface": {"en": "Surface", "ko": "지형"},
    "lesson.saddles.basin_rule": {"en": "Optimizer", "ko": "옵티마이저"},
    "lesson.saddles.basin_lr": {"en": "Learning rate η", "ko": "학습률 η"},
    "lesson.saddles.basins.caption": {
        "en": "Each of the {n} × {n} cells is one run of {steps} steps started at the cell's centre (all of them run at "
        "once), coloured by the minimum it ended within {tol} of; the lines are a few of those runs. Momentum uses "
        "β = {beta}.",
        "ko": "{n} × {n}개의 칸은 각각 그 칸의 중심에서 출발해 {steps}스텝을 진행한 실행 하나입니다(모두 한꺼번에 "
        "실행합니다). 색은 실행이 끝난 점에서 {tol} 이내에 있는 최솟값을 나타내고, 선은 그 실행 가운데 몇 개의 "
        "경로입니다. 모멘텀의 β는 {beta}입니다.",
    },
    "lesson.saddles.basins.count": {"en": "{name}: {count} starts ({share})", "ko": "{name}: 출발점 {count}개 ({share})"},
    "lesson.saddles.basins.note": {
        "en": "Every run stops where the gradient is zero, and a shallow local minimum has a zero gradient just like "
        "the global one. Switch between GD and momentum: the borders between the basins move, because a path with "
        "momentum no longer follows the steepest way down.",
        "ko": "모든 실행은 기울기가 0인 곳에서 멈추고, 얕은 지역 최솟값의 기울기도 전역 최솟값과 똑같이 0입니다. "
        "GD와 모멘텀을 바꿔 보세요. 모멘텀이 있는 경로는 더 이상 가장 가파른 내리막만 따라가지 않으므로 영역 사이의 "
        "경계가 움직입니다.",
    },
    "lesson.saddles.basins.side": {
        "en": "On the double well the x-part of the gradient does not depend on y, so GD with a small step can never "
        "cross the saddle at x = {xs}: every start would end in the well on its own side. Here **{agree} of {total}** "
        "starts do; the others were carried over the saddle (by momentum, or by a step too large to follow the "
        "slope).",
        "ko": "이중 우물에서는 기울기의 x 성분이 y와 무관하므로, 학습률이 작은 GD는 x = {xs}의 안장점을 결코 넘지 "
        "못합니다. 모든 출발점은 자기 쪽 우물에서 끝나야 합니다. 여기서는 출발점 **{total}개 중 {agree}개**가 그렇고, "
        "나머지는 안장점을 넘어갔습니다(모멘텀 때문이거나, 경사를 따라가기에는 스텝이 너무 커서).",
    },
    "lesson.saddles.global": {"en": "global minimum", "ko": "전역 최솟값"},
    "lesson.saddles.local": {"en": "local minimum", "ko": "지역 최솟값"},
    "lesson.saddles.minimum_at": {"en": "minimum ({x}, {y})", "ko": "최솟값 ({x}, {y})"},
    "lesson.saddles.run_from": {"en": "run from ({x}, {y})", "ko": "({x}, {y})에서 출발한 실행"},
    "lesson.saddles.not_settled": {"en": "not settled", "ko": "수렴하지 않음"},
    "lesson.saddles.diverged": {"en": "diverged", "ko": "발산"},
    # 6) noise out of a shallow minimum
    "lesson.saddles.sec.well": {"en": "Noise out of a shallow minimum", "ko": "잡음으로 얕은 최솟값에서 빠져나오기"},
    "lesson.saddles.well.text": {
        "en": "The course notes: full-batch GD that falls into a local minimum finds it hard to get out, while the "
        "randomness of SGD makes escaping more likely. Every run here starts *in* the double well's shallow minimum "
        "(right), with η = {lr} for {steps} steps. GD (black) has zero gradient there and never moves. SGD's gradient "
        "carries noise σ·ξ: slide σ up and watch the paths cross the saddle into the deeper well (left).",
        "ko": "강의 노트에 따르면 전체 배치 GD는 지역 최솟값에 빠지면 빠져나오기 힘들지만, SGD의 무작위성은 빠져나올 "
        "가능성을 높입니다. 여기서 모든 실행은 이중 우물의 얕은 최솟값(오른쪽) *안에서* 출발하며, 학습률은 η = {lr}, "
        "스텝 수는 {steps}입니다. GD(검은 선)는 그곳의 기울기가 0이라서 전혀 움직이지 않습니다. SGD의 기울기에는 "
        "잡음 σ·ξ가 섞여 있습니다. σ를 올리면서 경로가 안장점을 넘어 더 깊은 우물(왼쪽)로 건너가는 것을 보세요.",
    },
    "lesson.saddles.well.sigma": {"en": "Gradient noise σ", "ko": "기울기 잡음 σ"},
    "lesson.saddles.well.seed": {"en": "{sgd}, seed {seed}", "ko": "{sgd}, 시드 {seed}"},
    "lesson.saddles.well.caption": {
        "en": "With σ = {sigma}, **{k} of {n}** noise seeds ended on the deeper well's side after {steps} steps; without "
        "noise (GD), **{k0} of {n}**. The coloured paths are seeds 0 to {last}. Too much noise also kicks "
        "runs back out of the deep well, and no run settles: noise helps to leave a shallow well, not to stay in "
        "the deep one.",
        "ko": "σ = {sigma}일 때 잡음 시드 {n}개 중 **{k}개**가 {steps}스텝 뒤 더 깊은 우물 쪽에서 끝났습니다. 잡음이 "
        "없으면(GD) **{n}개 중 {k0}개**입니다. 색이 있는 경로는 시드 0부터 {last}까지입니다. 잡음이 너무 크면 깊은 "
        "우물에서도 다시 튕겨 나가고 어느 실행도 자리 잡지 못합니다. 잡음은 얕은 우물을 떠나는 데 도움이 될 뿐, 깊은 "
        "우물에 머무는 데 도움이 되지는 않습니다.",
    },
    # 7) high dimensions
    "lesson.saddles.sec.dims": {
        "en": "Why saddles, not local minima, in high dimensions",
        "ko": "고차원에서는 왜 지역 최솟값보다 안장점인가",
    },
    "lesson.saddles.dims.intro": {
        "en": "At a point where the gradient is zero, the Hessian's eigenvalues decide what it is: all positive, a "
        "minimum; some negative, a saddle. A crude model takes the Hessian to be a random symmetric matrix (the "
        "Gaussian orthogonal ensemble, H = (A + Aᵀ)/2 with Gaussian A). The chart counts, among {samples} such "
        "matrices for each dimension d, how many have all their eigenvalues positive.",
        "ko": "기울기가 0인 점이 무엇인지는 헤세 행렬의 고윳값이 정합니다. 모두 양수면 최솟값, 음수가 하나라도 "
        "있으면 안장점입니다. 아주 단순화한 모형으로, 헤세 행렬을 무작위 대칭 행렬(가우스 직교 앙상블, 가우스 분포의 "
        "A로 만든 H = (A + Aᵀ)/2)이라고 해 봅시다. 그래프는 차원 d마다 이런 행렬 {samples}개 가운데 고윳값이 모두 "
        "양수인 행렬이 몇 개인지 셉니다.",
    },
    "lesson.saddles.dims.caption": {
        "en": "Measured: d = 1: {p1} (exactly 1/2 in theory); d = 2: {p2} (exactly (2 − √2)/4 ≈ {exact2}); d = {dl}: "
        "{pl}. Beyond that not one of the {samples} matrices was positive definite. The fraction falls faster than 2⁻ᵈ "
        "(independent coin flips for the signs), because the eigenvalues of a random matrix repel each other.",
        "ko": "측정값: d = 1: {p1} (이론상 정확히 1/2), d = 2: {p2} (정확히 (2 − √2)/4 ≈ {exact2}), d = {dl}: {pl}. 그보다 "
        "큰 차원에서는 {samples}개 중 양의 정부호 행렬이 하나도 없었습니다. 이 비율은 2⁻ᵈ (고윳값 부호를 독립적인 동전 "
        "던지기로 본 값)보다 빨리 줄어드는데, 무작위 행렬의 고윳값들이 서로 밀어내기 때문입니다.",
    },
    "lesson.saddles.dims.care": {
        "en": "This illustrates the counting argument; it is not a proof about neural networks. A network's Hessian is "
        "not a random matrix with independent entries. Dauphin et al. (2014) support the claim with a random-field "
        "analysis and experiments on real networks, and they add a qualification: critical points with high loss are "
        "overwhelmingly saddles, while those with loss near the lowest are more likely to be minima.",
        "ko": "이것은 개수 세기 논증을 보여 주는 예시일 뿐, 신경망에 대한 증명이 아닙니다. 신경망의 헤세 행렬은 성분이 "
        "독립인 무작위 행렬이 아닙니다. Dauphin 등(2014)은 무작위장(random field) 분석과 실제 신경망 실험으로 이 주장을 "
        "뒷받침하면서 단서를 답니다. 손실이 높은 임계점은 압도적으로 안장점이고, 손실이 가장 낮은 값에 가까운 임계점은 "
        "최솟값일 가능성이 더 크다는 것입니다.",
    },
    "lesson.saddles.fig.fraction": {"en": "share with all eigenvalues > 0", "ko": "고윳값이 모두 양수인 비율"},
    "lesson.saddles.fig.dimension": {"en": "dimension d", "ko": "차원 d"},
    "lesson.saddles.fig.coin": {"en": "2⁻ᵈ (independent signs)", "ko": "2⁻ᵈ (독립적인 부호)"},
    "lesson.saddles.fig.bound": {"en": "none seen: below 3/N", "ko": "관측 없음: 3/N 미만"},
    "lesson.saddles.fig.measured": {"en": "measured (GOE)", "ko": "측정값 (GOE)"},
}
