"""Texts of lesson 3, momentum and Nesterov: key -> {"en": ..., "ko": ...}."""

TEXTS: dict[str, dict[str, str]] = {
    "nav.momentum": {"en": "3 · Momentum and Nesterov", "ko": "3 · 모멘텀과 네스테로프"},
    "lesson.momentum.title": {"en": "Momentum and Nesterov", "ko": "모멘텀과 네스테로프"},
    "lesson.momentum.claim": {
        "en": "Momentum keeps going where the gradients agree and cancels where they flip: on a narrow valley it "
        "damps GD's zigzag and speeds up the slow direction.",
        "ko": "모멘텀은 기울기의 방향이 일정한 쪽으로는 계속 나아가고, 부호가 뒤집히는 쪽에서는 상쇄됩니다. 그래서 "
        "좁은 골짜기에서 GD의 지그재그를 줄이고 느린 방향의 움직임을 빠르게 합니다.",
    },
    "lesson.momentum.p1": {
        "en": "On a long, narrow valley the gradient is perpendicular to the contour lines, not aimed at the minimum. "
        "With a large step, GD bounces from wall to wall (the zigzag); with a small one, it crawls along the floor. "
        "The valley above is $f = \\tfrac12(u^2/\\kappa + v^2)$: curvature $L = 1$ across it and $\\mu = 1/\\kappa$ "
        "along it, so the condition number $\\kappa$ says how narrow it is.",
        "ko": "길고 좁은 골짜기에서 기울기는 최솟값을 향하지 않고 등고선에 수직입니다. 스텝이 크면 GD는 골짜기 양쪽 "
        "벽 사이를 튕기며 지그재그로 움직이고, 작으면 골짜기 바닥을 따라 아주 느리게 기어갑니다. 위의 골짜기는 "
        "$f = \\tfrac12(u^2/\\kappa + v^2)$이고, 가로지르는 방향의 곡률은 $L = 1$, 따라가는 방향의 곡률은 "
        "$\\mu = 1/\\kappa$입니다. 따라서 조건수 $\\kappa$가 클수록 골짜기가 좁습니다.",
    },
    "lesson.momentum.p2": {
        "en": "Momentum adds inertia: the velocity keeps a fraction β of the previous one. Across the valley the "
        "gradients alternate in sign and cancel in the velocity; along the floor they agree and add up. On a constant "
        "slope the velocity tends to $g/(1-\\beta)$, so the step becomes **1/(1−β) times** GD's step "
        "$\\eta\\lVert g\\rVert$: momentum's effective learning rate is η/(1−β) (β = 0.9: ten times larger).",
        "ko": "모멘텀은 관성을 더합니다. 속도는 이전 속도의 β만큼을 이어받습니다. 골짜기를 가로지르는 기울기는 "
        "부호가 번갈아 바뀌어 속도 안에서 서로 상쇄되고, 바닥을 따라가는 기울기는 방향이 같아 계속 쌓입니다. "
        "기울기가 일정한 비탈에서는 속도가 $g/(1-\\beta)$에 가까워지므로, 스텝이 GD의 스텝 $\\eta\\lVert g\\rVert$의 "
        "**1/(1−β)배**가 됩니다. 모멘텀의 유효 학습률은 η/(1−β)입니다(β = 0.9이면 열 배).",
    },
    "lesson.momentum.p3": {
        "en": "Nesterov's accelerated gradient (NAG), in the course notes' form, first moves by the velocity, takes the "
        "gradient *there*, at the look-ahead point $x_t + \\beta V_{t-1}$, and corrects the step with it: when the "
        "velocity is about to overshoot, the correction comes one step sooner. A network's code computes gradients at "
        "its current parameters, so Bengio, Boulanger-Lewandowski and Pascanu (2013) rewrote it in the look-ahead "
        "point $\\theta_t = x_t + \\beta V_{t-1}$: the gradient is then taken at the iterate, and the step is "
        "$-\\eta(\\nabla f(\\theta_t) + \\beta v_t)$. This second form is what optax, PyTorch and this app's engine "
        "run; the two forms produce the same points (measured under the look-ahead figure).",
        "ko": "강의 노트의 형태로 쓴 네스테로프 가속 경사법(NAG)은 먼저 관성만큼 미리 가 본 점 "
        "$x_t + \\beta V_{t-1}$에서 기울기를 구하고, 그 기울기로 스텝을 고칩니다. 관성으로 너무 멀리 가려 할 때 한 "
        "스텝 먼저 바로잡는 셈입니다. 신경망 코드는 현재 매개변수에서 기울기를 구하므로, Bengio, "
        "Boulanger-Lewandowski, Pascanu(2013)는 미리 본 점 $\\theta_t = x_t + \\beta V_{t-1}$을 변수로 삼아 식을 "
        "다시 썼습니다. 그러면 기울기는 현재 점에서 구하고, 스텝은 $-\\eta(\\nabla f(\\theta_t) + \\beta v_t)$가 "
        "됩니다. optax, PyTorch, 그리고 이 앱의 엔진이 실행하는 것은 이 두 번째 형태이며, 두 형태는 같은 점들을 "
        "만들어 냅니다(미리 보기 그림 아래에서 측정합니다).",
    },
    "lesson.momentum.p4": {
        "en": "What Nesterov guarantees: on a smooth convex function (L-smooth: the gradient changes at most L times as "
        "fast as the position), with η = 1/L and a momentum that grows as $\\beta_t = (t-1)/(t+2)$, the loss gap "
        "shrinks like $O(1/t^2)$ (Nesterov 1983), against $O(1/t)$ for GD, and no first-order method can do better "
        "in general. Beyond convexity there is no such guarantee: CS231n recommends Nesterov because it works "
        "slightly better in practice, not because of a theorem for neural networks.",
        "ko": "네스테로프가 보장하는 것: 매끄러운 볼록 함수(L-매끄러움: 기울기가 위치보다 최대 L배 빠르게 변함)에서 "
        "η = 1/L로 두고 모멘텀을 $\\beta_t = (t-1)/(t+2)$처럼 키우면 손실 차이가 $O(1/t^2)$처럼 줄어듭니다(Nesterov "
        "1983). GD는 $O(1/t)$이며, 일반적으로 이보다 나은 1차 방법은 없습니다. 볼록하지 않은 함수에서는 이런 보장이 "
        "없습니다. CS231n이 네스테로프를 권하는 것은 실제로 조금 더 잘 작동하기 때문이지, 신경망에 대한 정리가 "
        "있어서가 아닙니다.",
    },
    "lesson.momentum.p5": {
        "en": "Textbooks write momentum in three ways: CS231n and optax keep the velocity in gradient units "
        "($v = \\beta v + g$, $\\theta \\leftarrow \\theta - \\eta v$), the course notes keep it in position units "
        "($V = \\alpha V - \\eta\\nabla f$, $X \\leftarrow X + V$), and Andrew Ng's course averages "
        "($v = \\beta v + (1-\\beta) g$). With a constant learning rate they are one method: $V = -\\eta v$, and the "
        "average is heavy ball with the learning rate $\\eta(1-\\beta)$.",
        "ko": "교재마다 모멘텀을 세 가지 방식으로 씁니다. CS231n과 optax는 속도를 기울기 단위로 둡니다 "
        "($v = \\beta v + g$, $\\theta \\leftarrow \\theta - \\eta v$). 강의 노트는 위치 단위로 둡니다 "
        "($V = \\alpha V - \\eta\\nabla f$, $X \\leftarrow X + V$). 앤드루 응의 강의는 지수 가중 평균으로 씁니다 "
        "($v = \\beta v + (1-\\beta) g$). 학습률이 고정이면 셋은 같은 방법입니다. $V = -\\eta v$이고, 평균 형태는 "
        "학습률이 $\\eta(1-\\beta)$인 헤비볼과 같습니다.",
    },
    "lesson.momentum.p6": {
        "en": "How fast can momentum be? On a quadratic the answer is exact (Polyak 1964; Goh, *Why Momentum Really "
        "Works*, 2017): with the best η and β the error shrinks by $(\\sqrt\\kappa-1)/(\\sqrt\\kappa+1)$ per step, "
        "against $(\\kappa-1)/(\\kappa+1)$ for the best GD. The map at the bottom measures it by running every (η, β) "
        "on a 48 × 48 grid.",
        "ko": "모멘텀은 얼마나 빨라질 수 있을까요? 이차 함수에서는 답이 정확히 알려져 있습니다(Polyak 1964; Goh, "
        "*Why Momentum Really Works*, 2017). 가장 좋은 η와 β에서 오차는 스텝마다 "
        "$(\\sqrt\\kappa-1)/(\\sqrt\\kappa+1)$배로 줄어들고, 가장 좋은 GD에서는 $(\\kappa-1)/(\\kappa+1)$배로 "
        "줄어듭니다. 맨 아래 지도는 48 × 48 격자의 모든 (η, β)를 실제로 실행해 이것을 측정합니다.",
    },
    "lesson.momentum.f.heavy_ball": {"en": "heavy ball", "ko": "헤비볼"},
    "lesson.momentum.f.nesterov": {"en": "Nesterov (notes)", "ko": "네스테로프 (노트)"},
    "lesson.momentum.f.bengio": {"en": "Nesterov (Bengio et al. 2013, engine)", "ko": "네스테로프 (Bengio 등 2013, 엔진)"},
    "lesson.momentum.f.effective": {"en": "effective learning rate", "ko": "유효 학습률"},
    "lesson.momentum.f.convex": {"en": "convex and L-smooth", "ko": "볼록, L-매끄러움"},
    # controls
    "lesson.momentum.kappa": {"en": "Condition number κ (how narrow the valley is)", "ko": "조건수 κ (골짜기가 좁은 정도)"},
    "lesson.momentum.lr_sgd": {"en": "Learning rate of GD", "ko": "GD의 학습률"},
    "lesson.momentum.lr": {"en": "Learning rate η of momentum and Nesterov", "ko": "모멘텀과 네스테로프의 학습률 η"},
    "lesson.momentum.beta": {"en": "Momentum β", "ko": "모멘텀 β"},
    "lesson.momentum.step": {"en": "step", "ko": "스텝"},
    # section 1: paths
    "lesson.momentum.paths.caption": {
        "en": "Steps until the loss is below 10⁻⁶ of where it started ({steps} steps run): {results}.",
        "ko": "손실이 처음 값의 10⁻⁶ 아래로 내려갈 때까지 걸린 스텝 수(전체 {steps}스텝): {results}.",
    },
    "lesson.momentum.paths.note": {
        "en": "{gd} has its own learning rate, as in the textbooks' pictures: near 2/L = 2 it bounces across the "
        "valley. With momentum the steady step is 1/(1−β) = {factor} times larger than GD's at the same η (measured on "
        "a constant slope: {measured}); the effective learning rate is η/(1−β) = {eff}, so momentum runs with a "
        "smaller η.",
        "ko": "교재의 그림처럼 {gd}에는 학습률을 따로 줍니다. 2/L = 2 가까이에서 GD는 골짜기를 가로질러 튕깁니다. "
        "모멘텀의 정상 상태 스텝은 같은 η에서 GD 스텝의 1/(1−β) = {factor}배입니다(기울기가 일정한 비탈에서 잰 값: "
        "{measured}). 유효 학습률이 η/(1−β) = {eff}이므로 모멘텀은 더 작은 η로 실행합니다.",
    },
    "lesson.momentum.never": {"en": "not within the run", "ko": "이번 실행 안에는 도달 못 함"},
    "lesson.momentum.diverged": {"en": "diverged at step {step}", "ko": "{step}번째 스텝에서 발산"},
    # section 2: Nesterov's look-ahead
    "lesson.momentum.look.h": {"en": "Nesterov's look-ahead, one step up close", "ko": "네스테로프의 미리 보기: 한 스텝 확대"},
    "lesson.momentum.look.text": {
        "en": "From the notes' position $x_k$ (white), the velocity step $\\beta V_{k-1}$ (pink) reaches the "
        "look-ahead point; the gradient is taken there and its step $-\\eta\\nabla f$ (green) lands on $x_{k+1}$. "
        "The dashed orange arrow is the step heavy ball would take with the gradient at $x_k$ instead. All points come "
        "from the engine's run: the engine stores the look-ahead point as its iterate (Bengio's form), so "
        "$x_k = \\theta_k + \\beta\\eta v_{k-1}$.",
        "ko": "노트의 현재 위치 $x_k$(흰 점)에서 관성 스텝 $\\beta V_{k-1}$(분홍)만큼 가면 미리 본 점에 닿습니다. 그 "
        "점에서 구한 기울기의 스텝 $-\\eta\\nabla f$(초록)가 $x_{k+1}$에 떨어집니다. 주황 점선 화살표는 헤비볼이 "
        "대신 $x_k$의 기울기로 갔을 스텝입니다. 모든 점은 엔진이 실제로 실행한 결과에서 나옵니다. 엔진은 미리 본 "
        "점을 현재 위치로 저장하므로(Bengio의 형태) $x_k = \\theta_k + \\beta\\eta v_{k-1}$입니다.",
    },
    "lesson.momentum.look.step": {"en": "Step k to draw", "ko": "그려 볼 스텝 k"},
    "lesson.momentum.look.position": {"en": "x<sub>k</sub>", "ko": "x<sub>k</sub>"},
    "lesson.momentum.look.lookahead": {"en": "look-ahead x<sub>k</sub> + βV<sub>k−1</sub>",
                                       "ko": "미리 본 점 x<sub>k</sub> + βV<sub>k−1</sub>"},
    "lesson.momentum.look.next": {"en": "x<sub>k+1</sub>", "ko": "x<sub>k+1</sub>"},
    "lesson.momentum.look.hb_point": {"en": "heavy ball's x<sub>k+1</sub>", "ko": "헤비볼의 x<sub>k+1</sub>"},
    "lesson.momentum.look.heavy_ball": {"en": "heavy ball's step (gradient at x_k)", "ko": "헤비볼의 스텝 (x_k의 기울기)"},
    "lesson.momentum.look.velocity_step": {"en": "velocity step βV", "ko": "관성 스텝 βV"},
    "lesson.momentum.look.gradient_step": {"en": "gradient step at the look-ahead, −η∇f", "ko": "미리 본 점의 기울기 스텝 −η∇f"},
    "lesson.momentum.look.path": {"en": "Nesterov, in the notes' variables", "ko": "네스테로프 (노트의 변수로)"},
    "lesson.momentum.look.caption": {
        "en": "Step {k}: velocity step βV = {v}; gradient at the look-ahead {g}, at x_k {g0}. "
        "Loss where Nesterov lands: {f_nag}; where heavy ball would land: {f_hb}.",
        "ko": "{k}번째 스텝: 관성 스텝 βV = {v}. 미리 본 점의 기울기 {g}, x_k의 기울기 {g0}. 네스테로프가 도착한 "
        "곳의 손실: {f_nag}, 헤비볼이 도착했을 곳의 손실: {f_hb}.",
    },
    "lesson.momentum.look.forms": {
        "en": "Both forms run: the notes' form computed directly (float64) and mapped by θ_t = x_t + βV_{{t−1}} lies within "
        "{gap} of the engine's Bengio-form iterates over all {steps} steps (float32 rounding).",
        "ko": "두 형태를 모두 실행했습니다. 노트의 형태를 직접 계산하고(float64) θ_t = x_t + βV_{{t−1}}로 옮긴 점은 "
        "{steps}스텝 내내 엔진이 Bengio 형태로 계산한 점에서 {gap} 이내에 있습니다(float32 반올림 오차).",
    },
    # section 3: three forms
    "lesson.momentum.forms.h": {"en": "Three ways to write momentum, one path", "ko": "모멘텀을 쓰는 세 가지 방법, 하나의 경로"},
    "lesson.momentum.forms.text": {
        "en": "The three forms run with the η and β above; the average form runs with η/(1−β) so that its steps match. "
        "Turn on a step-decay schedule (η halves every {period} steps) and the notes' form parts from the other two: "
        "its $V$ still carries steps taken with the old, larger η, while $v$ is multiplied by today's $\\eta_t$.",
        "ko": "세 형태를 위의 η와 β로 실행합니다. 평균 형태는 스텝 크기가 맞도록 η/(1−β)로 실행합니다. 계단식 학습률 "
        "스케줄(η가 {period}스텝마다 절반)을 켜면 노트의 형태만 나머지 둘과 갈라집니다. $V$에는 예전의 큰 η로 밟은 "
        "스텝이 남아 있지만, $v$에는 매번 지금의 $\\eta_t$가 곱해지기 때문입니다.",
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
    "lesson.momentum.map.h": {"en": "The convergence-rate map over (η, β)", "ko": "(η, β)에 따른 수렴 속도 지도"},
    "lesson.momentum.map.text": {
        "en": "Each cell is one heavy-ball run of {steps} steps on this valley, all {cells} run at once by "
        "`optimizers.sweep`. Its colour is the measured contraction per step, $(f_T/f_0)^{{1/(2T)}}$: darker is faster, "
        "grey diverged. Every run starts at (−2.5, 2.5/√κ), where the flat and the steep direction hold equal shares "
        "of the loss.",
        "ko": "칸 하나는 이 골짜기에서 {steps}스텝을 진행한 헤비볼 실행 하나이며, {cells}개를 `optimizers.sweep`으로 "
        "한꺼번에 실행했습니다. 색은 측정한 스텝당 수축률 $(f_T/f_0)^{{1/(2T)}}$이며, 어두울수록 빠르고 회색은 "
        "발산입니다. 모든 실행은 평평한 방향과 가파른 방향이 손실을 똑같이 나눠 갖는 점 (−2.5, 2.5/√κ)에서 "
        "출발합니다.",
    },
    "lesson.momentum.map.rate": {"en": "rate per step", "ko": "스텝당 수축률"},
    "lesson.momentum.map.theory": {"en": "Polyak's optimum (theory)", "ko": "폴랴크의 최적점 (이론)"},
    "lesson.momentum.map.gd": {"en": "best GD, η = 2/(L+μ)", "ko": "최적의 GD, η = 2/(L+μ)"},
    "lesson.momentum.map.best": {"en": "fastest cell (measured)", "ko": "가장 빠른 칸 (측정)"},
    "lesson.momentum.map.current": {"en": "your η, β", "ko": "지금의 η, β"},
    "lesson.momentum.map.eta_axis": {"en": "η (learning rate)", "ko": "η (학습률)"},
    "lesson.momentum.map.beta_axis": {"en": "β (momentum)", "ko": "β (모멘텀)"},
    "lesson.momentum.map.diverged": {"en": "grey: diverged", "ko": "회색: 발산"},
    "lesson.momentum.map.caption": {
        "en": "Fastest cell: η = {eta}, β = {beta}, rate {rate} per step. Theory: η* = 4/(√L+√μ)² = {eta_s}, "
        "β* = ((√κ−1)/(√κ+1))² = {beta_s}, rate {rate_s}. GD (β = 0): best measured {rate_gd_meas}, "
        "theory {rate_gd} at η = {eta_gd}.",
        "ko": "가장 빠른 칸: η = {eta}, β = {beta}, 스텝당 {rate}. 이론: η* = 4/(√L+√μ)² = {eta_s}, "
        "β* = ((√κ−1)/(√κ+1))² = {beta_s}, 수축률 {rate_s}. GD (β = 0): 측정한 최선 {rate_gd_meas}, "
        "이론 {rate_gd} (η = {eta_gd}).",
    },
    "lesson.momentum.map.wide": {
        "en": "Near the optimum the map is flat along η: for β just above β*, every η between (1−√β)²κ and (1+√β)² "
        "gives the same rate √β, so the fastest measured cell can sit a few columns from η*.",
        "ko": "최적점 근처에서 지도는 η 방향으로 평평합니다. β가 β*보다 조금 크면 (1−√β)²κ와 (1+√β)² 사이의 모든 η가 "
        "같은 수축률 √β를 주므로, 측정한 가장 빠른 칸이 η*에서 몇 칸 떨어져 있을 수 있습니다.",
    },
    # try this
    "lesson.momentum.try": {
        "en": "Make the valley ten times narrower (κ = 300), and give momentum a larger step and a longer memory "
        "(η = 1, β = 0.9). GD, even bouncing at its largest stable step, no longer arrives within the run; momentum "
        "and Nesterov still do. Then find your (η, β) on the map below.",
        "ko": "골짜기를 열 배 더 좁게(κ = 300) 만들고, 모멘텀에 더 큰 학습률과 더 긴 기억을 주세요(η = 1, β = 0.9). "
        "GD는 안정 범위에서 가장 큰 학습률로 튕기며 움직여도 이번 실행 안에 도착하지 못하지만, 모멘텀과 네스테로프는 "
        "여전히 도착합니다. 그다음 아래 지도에서 지금의 (η, β)를 찾아보세요.",
    },
    "lesson.momentum.try.button": {"en": "κ = 300, η = 1, β = 0.9", "ko": "κ = 300, η = 1, β = 0.9"},
}
