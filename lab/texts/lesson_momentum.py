"""Texts of lesson 3, momentum and Nesterov: key -> {"en": ..., "ko": ...}."""

TEXTS: dict[str, dict[str, str]] = {
    "nav.momentum": {"en": "3 · Momentum and Nesterov", "ko": "3 · 모멘텀과 네스테로프"},
    "lesson.momentum.title": {"en": "Momentum and Nesterov", "ko": "모멘텀과 네스테로프"},
    "lesson.momentum.p1": {
        "en": "On a long, narrow valley the gradient is perpendicular to the contour lines, not aimed at the minimum. "
        "With a large step, gradient descent bounces from wall to wall (the zigzag); with a small one, it crawls along "
        "the floor. The valley below is $f = \\tfrac12(u^2/\\kappa + v^2)$: curvature $L = 1$ across it and "
        "$\\mu = 1/\\kappa$ along it, so the condition number $\\kappa$ says how narrow it is.",
        "ko": "길고 좁은 골짜기에서 기울기는 최솟값을 향하지 않고 등고선에 수직입니다. 학습률이 크면 경사하강법은 "
        "골짜기 양쪽 벽 사이를 튕기며 지그재그로 움직이고, 작으면 골짜기 바닥을 따라 아주 느리게 기어갑니다. "
        "아래 골짜기는 $f = \\tfrac12(u^2/\\kappa + v^2)$ 로, 가로지르는 방향의 곡률은 $L = 1$, 따라가는 방향의 곡률은 "
        "$\\mu = 1/\\kappa$ 입니다. 조건수 $\\kappa$ 가 클수록 골짜기가 좁습니다.",
    },
    "lesson.momentum.p2": {
        "en": "Momentum adds inertia: the step keeps a fraction β of the previous one. Across the valley the gradients "
        "alternate in sign and cancel in the velocity; along the floor they agree and add up. The zigzag is damped and "
        "the slow direction speeds up.",
        "ko": "모멘텀은 관성을 더합니다. 이번 걸음에 지난 걸음의 β 만큼을 그대로 이어 갑니다. 골짜기를 가로지르는 "
        "기울기는 부호가 번갈아 바뀌어 속도 안에서 서로 상쇄되고, 바닥을 따라가는 기울기는 방향이 같아 계속 쌓입니다. "
        "그래서 지그재그는 줄고 느린 방향은 빨라집니다.",
    },
    "lesson.momentum.p3": {
        "en": "Nesterov's accelerated gradient (NAG) first moves by the velocity, then takes the gradient *there*, at "
        "the look-ahead point, and corrects the step with it: when the velocity is about to overshoot, the correction "
        "comes one step sooner.",
        "ko": "네스테로프 가속 경사(NAG)는 먼저 관성만큼 미리 가 본 뒤, 그 미리 간 위치에서 기울기를 구해 걸음을 고칩니다. "
        "관성이 최솟값을 지나치려 할 때 한 걸음 먼저 바로잡는 셈입니다.",
    },
    "lesson.momentum.p4": {
        "en": "Textbooks write momentum in three ways: CS231n and optax keep the velocity in gradient units "
        "($v = \\beta v + g$, $\\theta \\leftarrow \\theta - \\eta v$), the course notes keep it in position units "
        "($V = \\alpha V - \\eta\\nabla f$, $X \\leftarrow X + V$), and Andrew Ng's course averages "
        "($v = \\beta v + (1-\\beta) g$). With a constant learning rate they are one method: $V = -\\eta v$, and the "
        "average is heavy ball with the step $\\eta(1-\\beta)$.",
        "ko": "교재마다 모멘텀을 세 가지로 씁니다. CS231n 과 optax 는 속도를 기울기 단위로 둡니다 "
        "($v = \\beta v + g$, $\\theta \\leftarrow \\theta - \\eta v$). 강의 노트는 위치 단위로 둡니다 "
        "($V = \\alpha V - \\eta\\nabla f$, $X \\leftarrow X + V$). 앤드루 응의 강의는 지수 가중 평균으로 씁니다 "
        "($v = \\beta v + (1-\\beta) g$). 학습률이 고정이면 셋은 같은 방법입니다. $V = -\\eta v$ 이고, 평균 형태는 "
        "학습률이 $\\eta(1-\\beta)$ 인 헤비볼과 같습니다.",
    },
    "lesson.momentum.p5": {
        "en": "How fast can momentum be? On a quadratic the answer is exact (Polyak 1964; Goh, *Why Momentum Really "
        "Works*, 2017): with the best η and β the error shrinks by $(\\sqrt\\kappa-1)/(\\sqrt\\kappa+1)$ per step, "
        "against $(\\kappa-1)/(\\kappa+1)$ for the best gradient descent. The map at the bottom measures it by running "
        "every (η, β) on a 48 × 48 grid.",
        "ko": "모멘텀은 얼마나 빨라질 수 있을까요? 이차 함수에서는 답이 정확히 알려져 있습니다 (Polyak 1964; Goh, "
        "*Why Momentum Really Works*, 2017). 가장 좋은 η 와 β 에서 오차는 한 걸음마다 "
        "$(\\sqrt\\kappa-1)/(\\sqrt\\kappa+1)$ 배로 줄어, 가장 좋은 경사하강법의 $(\\kappa-1)/(\\kappa+1)$ 보다 훨씬 "
        "빠릅니다. 맨 아래 지도는 48 × 48 격자의 모든 (η, β) 를 실제로 돌려서 이것을 잽니다.",
    },
    "lesson.momentum.f.heavy_ball": {"en": "heavy ball", "ko": "헤비볼"},
    "lesson.momentum.f.nesterov": {"en": "Nesterov", "ko": "네스테로프"},
    # controls
    "lesson.momentum.kappa": {"en": "Condition number κ (how narrow the valley is)", "ko": "조건수 κ (골짜기가 좁은 정도)"},
    "lesson.momentum.lr_sgd": {"en": "Learning rate of SGD", "ko": "SGD 의 학습률"},
    "lesson.momentum.lr": {"en": "Learning rate η of momentum and Nesterov", "ko": "모멘텀과 네스테로프의 학습률 η"},
    "lesson.momentum.beta": {"en": "Momentum β", "ko": "모멘텀 β"},
    "lesson.momentum.step": {"en": "step", "ko": "반복"},
    # section 1: paths
    "lesson.momentum.paths.h": {"en": "The zigzag, and what momentum does to it", "ko": "지그재그, 그리고 모멘텀이 하는 일"},
    "lesson.momentum.paths.caption": {
        "en": "Steps until the loss is below 10⁻⁶ of where it started ({steps} steps run): {results}.",
        "ko": "손실이 처음 값의 10⁻⁶ 아래로 내려갈 때까지 걸린 반복 수 (전체 {steps} 번 반복): {results}.",
    },
    "lesson.momentum.paths.note": {
        "en": "SGD has its own learning rate, as in the textbooks' pictures: near 2/L = 2 it bounces across the valley; "
        "with momentum the same step would be η/(1−β) times larger, so momentum runs with a smaller η.",
        "ko": "교재의 그림처럼 SGD 에는 따로 학습률을 줍니다. 2/L = 2 가까이에서 SGD 는 골짜기를 가로질러 튕깁니다. "
        "모멘텀은 같은 η 에서도 걸음이 η/(1−β) 배로 커지므로 더 작은 η 로 돌립니다.",
    },
    "lesson.momentum.never": {"en": "not within the run", "ko": "이번 실행 안에는 도달 못 함"},
    "lesson.momentum.diverged": {"en": "diverged at step {step}", "ko": "{step} 번째 반복에서 발산"},
    "lesson.momentum.loss.h": {"en": "Loss per step", "ko": "반복마다의 손실"},
    # section 2: Nesterov's look-ahead
    "lesson.momentum.look.h": {"en": "Nesterov's look-ahead, one step up close", "ko": "네스테로프의 미리 보기, 한 걸음 확대"},
    "lesson.momentum.look.text": {
        "en": "From the notes' position $x_k$ (white), the velocity step $\\beta V_{k-1}$ (pink) reaches the "
        "look-ahead point; the gradient is taken there and its step $-\\eta\\nabla f$ (green) lands on $x_{k+1}$. "
        "The dashed orange arrow is the step heavy ball would take with the gradient at $x_k$ instead. All points come "
        "from the engine's run: optax and PyTorch store the look-ahead point as their iterate, so "
        "$x_k = \\theta_k + \\beta\\eta v_{k-1}$.",
        "ko": "노트의 현재 위치 $x_k$ (흰 점)에서 관성만큼의 걸음 $\\beta V_{k-1}$ (분홍)로 미리 가 본 점에 닿습니다. "
        "그 점에서 구한 기울기의 걸음 $-\\eta\\nabla f$ (초록)가 $x_{k+1}$ 에 떨어집니다. 주황 점선은 같은 자리에서 "
        "$x_k$ 의 기울기를 쓰는 헤비볼 모멘텀이 갔을 걸음입니다. 모든 점은 엔진이 실제로 돌린 값에서 나옵니다. "
        "optax 와 PyTorch 는 미리 본 점을 반복값으로 저장하므로 $x_k = \\theta_k + \\beta\\eta v_{k-1}$ 입니다.",
    },
    "lesson.momentum.look.step": {"en": "Step k to draw", "ko": "그려 볼 반복 k"},
    "lesson.momentum.look.position": {"en": "x<sub>k</sub>", "ko": "x<sub>k</sub>"},
    "lesson.momentum.look.lookahead": {"en": "look-ahead x<sub>k</sub> + βV<sub>k−1</sub>",
                                       "ko": "미리 본 점 x<sub>k</sub> + βV<sub>k−1</sub>"},
    "lesson.momentum.look.next": {"en": "x<sub>k+1</sub>", "ko": "x<sub>k+1</sub>"},
    "lesson.momentum.look.hb_point": {"en": "heavy ball's x<sub>k+1</sub>", "ko": "헤비볼의 x<sub>k+1</sub>"},
    "lesson.momentum.look.heavy_ball": {"en": "heavy ball's step (gradient at x_k)", "ko": "헤비볼의 걸음 (x_k 의 기울기)"},
    "lesson.momentum.look.velocity_step": {"en": "velocity step βV", "ko": "관성 걸음 βV"},
    "lesson.momentum.look.gradient_step": {"en": "gradient step at the look-ahead, −η∇f", "ko": "미리 본 점의 기울기 걸음 −η∇f"},
    "lesson.momentum.look.path": {"en": "Nesterov, in the notes' variables", "ko": "네스테로프 (노트의 변수로)"},
    "lesson.momentum.look.caption": {
        "en": "Step {k}: velocity step βV = {v}; gradient at the look-ahead {g}, at x_k {g0}. "
        "Loss where Nesterov lands: {f_nag}; where heavy ball would land: {f_hb}.",
        "ko": "{k} 번째 반복: 관성 걸음 βV = {v}. 미리 본 점의 기울기 {g}, x_k 의 기울기 {g0}. "
        "네스테로프가 떨어진 곳의 손실: {f_nag}, 헤비볼이 떨어졌을 곳의 손실: {f_hb}.",
    },
    # section 3: three forms
    "lesson.momentum.forms.h": {"en": "Three ways to write momentum, one path", "ko": "모멘텀을 쓰는 세 가지 방법, 하나의 경로"},
    "lesson.momentum.forms.text": {
        "en": "The three forms run with the η and β above; the average form runs with η/(1−β) so that its steps match. "
        "Turn on a step-decay schedule (η halves every {period} steps) and the notes' form parts from the other two: "
        "its $V$ still carries steps taken with the old, larger η, while $v$ is multiplied by today's $\\eta_t$.",
        "ko": "세 형태를 위의 η 와 β 로 돌립니다. 평균 형태는 걸음 크기가 맞도록 η/(1−β) 로 돌립니다. 계단식 학습률 "
        "스케줄(η 가 {period} 반복마다 절반)을 켜면 노트의 형태만 나머지 둘과 갈라집니다. $V$ 에는 예전의 큰 η 로 쌓은 "
        "걸음이 남아 있지만, $v$ 는 매번 지금의 $\\eta_t$ 가 곱해지기 때문입니다.",
    },
    "lesson.momentum.forms.schedule": {"en": "Step-decay schedule", "ko": "계단식 학습률 스케줄"},
    "lesson.momentum.forms.heavy_ball": {"en": "heavy ball v = βv + g (η)", "ko": "헤비볼 v = βv + g (η)"},
    "lesson.momentum.forms.textbook": {"en": "notes' form V = αV − η∇f (η)", "ko": "노트의 형태 V = αV − η∇f (η)"},
    "lesson.momentum.forms.average": {"en": "average v = βv + (1−β)g (η/(1−β))", "ko": "평균 v = βv + (1−β)g (η/(1−β))"},
    "lesson.momentum.forms.distance": {"en": "distance from the heavy-ball path", "ko": "헤비볼 경로와의 거리"},
    "lesson.momentum.forms.caption": {
        "en": "Largest distance from the heavy-ball path over the run: notes' form {textbook}, average form {average} "
        "(float32 rounding is about 10⁻⁷).",
        "ko": "실행 전체에서 헤비볼 경로와의 가장 큰 거리: 노트의 형태 {textbook}, 평균 형태 {average} "
        "(float32 반올림 오차는 10⁻⁷ 정도).",
    },
    # section 4: the rate map
    "lesson.momentum.map.h": {"en": "The convergence-rate map over (η, β)", "ko": "(η, β) 에 따른 수렴 속도 지도"},
    "lesson.momentum.map.text": {
        "en": "Each cell is one heavy-ball run of {steps} steps on this valley, all {cells} run at once by "
        "`optimizers.sweep`. Its colour is the measured contraction per step, $(f_T/f_0)^{{1/(2T)}}$: darker is faster, "
        "grey diverged. Every run starts at (−2.5, 2.5/√κ), where the flat and the steep direction hold equal shares "
        "of the loss.",
        "ko": "칸 하나가 이 골짜기에서 {steps} 번 반복한 헤비볼 실행 하나이며, {cells} 개를 `optimizers.sweep` 으로 "
        "한꺼번에 돌렸습니다. 색은 측정한 한 걸음당 수축률 $(f_T/f_0)^{{1/(2T)}}$ 로, 어두울수록 빠르고 회색은 발산입니다. "
        "모든 실행은 완만한 방향과 가파른 방향이 손실을 똑같이 나눠 갖는 점 (−2.5, 2.5/√κ) 에서 출발합니다.",
    },
    "lesson.momentum.map.rate": {"en": "rate per step", "ko": "한 걸음당 수축률"},
    "lesson.momentum.map.theory": {"en": "Polyak's optimum (theory)", "ko": "폴랴크의 최적값 (이론)"},
    "lesson.momentum.map.gd": {"en": "best gradient descent, η = 2/(L+μ)", "ko": "최적의 경사하강법, η = 2/(L+μ)"},
    "lesson.momentum.map.best": {"en": "fastest cell (measured)", "ko": "가장 빠른 칸 (측정)"},
    "lesson.momentum.map.current": {"en": "your η, β", "ko": "지금의 η, β"},
    "lesson.momentum.map.eta_axis": {"en": "η (learning rate)", "ko": "η (학습률)"},
    "lesson.momentum.map.beta_axis": {"en": "β (momentum)", "ko": "β (모멘텀)"},
    "lesson.momentum.map.diverged": {"en": "grey: diverged", "ko": "회색: 발산"},
    "lesson.momentum.map.caption": {
        "en": "Fastest cell: η = {eta}, β = {beta}, rate {rate} per step. Theory: η* = 4/(√L+√μ)² = {eta_s}, "
        "β* = ((√κ−1)/(√κ+1))² = {beta_s}, rate {rate_s}. Gradient descent (β = 0): best measured {rate_gd_meas}, "
        "theory {rate_gd} at η = {eta_gd}.",
        "ko": "가장 빠른 칸: η = {eta}, β = {beta}, 한 걸음당 {rate}. 이론: η* = 4/(√L+√μ)² = {eta_s}, "
        "β* = ((√κ−1)/(√κ+1))² = {beta_s}, 수축률 {rate_s}. 경사하강법 (β = 0): 측정한 최선 {rate_gd_meas}, "
        "이론 {rate_gd} (η = {eta_gd}).",
    },
    "lesson.momentum.map.wide": {
        "en": "Near the optimum the map is flat along η: for β just above β*, every η between (1−√β)²κ and (1+√β)² "
        "gives the same rate √β, so the fastest measured cell can sit a few columns from η*.",
        "ko": "최적점 근처에서 지도는 η 방향으로 평평합니다. β 가 β* 보다 조금 크면 (1−√β)²κ 와 (1+√β)² 사이의 모든 η 가 "
        "같은 수축률 √β 를 주므로, 측정한 가장 빠른 칸이 η* 에서 몇 칸 떨어져 있을 수 있습니다.",
    },
    # try this
    "lesson.momentum.try": {
        "en": "Make the valley ten times narrower (κ = 300), and give momentum a larger step and a longer memory "
        "(η = 1, β = 0.9). Gradient descent, even bouncing at its largest stable step, no longer arrives within the "
        "run; momentum and Nesterov still do. Then find your (η, β) on the map below.",
        "ko": "골짜기를 열 배 더 좁게 (κ = 300) 만들고, 모멘텀에 더 큰 학습률과 더 긴 기억을 주세요 (η = 1, β = 0.9). "
        "경사하강법은 안정적인 가장 큰 학습률로 튕기면서도 이번 실행 안에 도착하지 못하지만, 모멘텀과 네스테로프는 "
        "여전히 도착합니다. 그런 다음 아래 지도에서 지금의 (η, β) 를 찾아보세요.",
    },
    "lesson.momentum.try.button": {"en": "κ = 300, η = 1, β = 0.9", "ko": "κ = 300, η = 1, β = 0.9"},
}
