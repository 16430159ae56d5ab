"""Texts of lesson 4, AdaGrad, RMSProp and Adam: key -> {"en": ..., "ko": ...}."""

TEXTS: dict[str, dict[str, str]] = {
    "nav.adaptive": {"en": "4 · AdaGrad, RMSProp, Adam", "ko": "4 · 적응적 학습률: AdaGrad, RMSProp, Adam"},
    "lesson.adaptive.title": {"en": "AdaGrad, RMSProp, Adam: a step size per coordinate",
                              "ko": "AdaGrad, RMSProp, Adam: 좌표마다 다른 학습률"},
    "lesson.adaptive.claim": {
        "en": "On a narrow valley, a step size per coordinate straightens the path when the valley follows the axes, "
        "and does not help when the same valley is turned.",
        "ko": "좁은 골짜기에서 좌표마다 학습률을 따로 주면, 골짜기가 축을 따라 놓일 때는 경로가 곧게 펴지지만 같은 "
        "골짜기를 돌려 놓으면 도움이 되지 않습니다.",
    },
    # --- the race (first screen) ------------------------------------------------------------
    "lesson.adaptive.angle": {"en": "Turn of the right-hand valley φ (degrees)", "ko": "오른쪽 골짜기를 돌린 각도 φ (도)"},
    "lesson.adaptive.kappa": {"en": "How narrow: κ = L/μ", "ko": "골짜기의 좁은 정도 κ = L/μ"},
    "lesson.adaptive.race.aligned": {"en": "Along the axes (φ = 0°)", "ko": "축을 따라 놓인 골짜기 (φ = 0°)"},
    "lesson.adaptive.race.turned": {"en": "The same valley turned by φ = {deg}°", "ko": "같은 골짜기를 φ = {deg}° 돌림"},
    "lesson.adaptive.race.loss": {"en": "Loss f − f_min (log)", "ko": "손실 f − f_min (로그)"},
    "lesson.adaptive.race.caption": {
        "en": "Loss curves: solid along the axes, dashed turned. Steps until the loss is below 10⁻⁶ of its start "
        "({steps} steps run) — along the axes: {aligned}; turned by {deg}°: {turned}.",
        "ko": "손실 곡선: 실선은 축을 따라 놓인 골짜기, 점선은 돌린 골짜기입니다. 손실이 처음 값의 10⁻⁶ 아래로 "
        "내려가기까지의 스텝 수(전체 {steps}스텝) — 축을 따라: {aligned}, {deg}° 돌림: {turned}.",
    },
    "lesson.adaptive.never": {"en": "not within the run", "ko": "이번 실행 안에는 도달 못 함"},
    # --- the figures' words -------------------------------------------------------------------
    "lesson.adaptive.fig.step": {"en": "step", "ko": "스텝"},
    "lesson.adaptive.fig.start": {"en": "start", "ko": "출발점"},
    "lesson.adaptive.fig.minimum": {"en": "minimum", "ko": "최솟값"},
    "lesson.adaptive.fig.effective_lr": {"en": "effective learning rate of x (log)", "ko": "x의 유효 학습률 (로그)"},
    "lesson.adaptive.fig.partial_sum": {"en": "sum of the effective learning rates so far",
                                        "ko": "지금까지의 유효 학습률 합"},
    "lesson.adaptive.fig.length": {"en": "step length ‖Δθ‖ (log)", "ko": "스텝 길이 ‖Δθ‖ (로그)"},
    # --- the explanation under the race --------------------------------------------------------
    "lesson.adaptive.p1": {
        "en": "One learning rate for every parameter is a compromise: in a narrow valley the steep direction wants "
        "small steps and the flat one large steps. AdaGrad, RMSProp and Adam give each coordinate its own step: "
        "they divide its gradient by the root of that coordinate's past squared gradients, so a coordinate whose "
        "gradients have been large takes smaller steps.",
        "ko": "모든 매개변수에 학습률 하나를 쓰는 것은 타협입니다. 좁은 골짜기에서 가파른 방향은 작은 스텝을, 평평한 "
        "방향은 큰 스텝을 원합니다. AdaGrad, RMSProp, Adam은 좌표마다 따로 학습률을 줍니다. 각 좌표의 기울기를 그 "
        "좌표가 지금까지 겪은 기울기 제곱의 제곱근으로 나누므로, 기울기가 컸던 좌표일수록 스텝이 작아집니다.",
    },
    "lesson.adaptive.p2": {
        "en": "Along the axes, x is the flat direction and y the steep one, and dividing each coordinate by its own "
        "gradient scale evens them out: RMSProp and Adam take about as many steps at κ = 100 as at κ = 3, while GD "
        "needs more and more. (AdaGrad too, with G₀ = 0; optax's G₀ = 0.1 holds back the flat coordinate's small "
        "gradients: see G₀ below.) Turned, x and y each mix both directions and the division cannot tell them apart; "
        "it even bends the step away from the gradient. GD does not notice the turn: its path is the same path, "
        "turned. At φ = 90° the valley lies along the axes again (flat along y) and the adaptive rules are exactly as "
        "quick as on the left. That per-coordinate scaling helps only when the valley follows the axes is the claim "
        "of this 2-D demo, on a quadratic valley; in a network, parameters whose gradients differ in scale are what "
        "these rules were made for, and this page does not measure that.",
        "ko": "축을 따라 놓이면 x는 평평한 방향, y는 가파른 방향이고, 좌표마다 자기 기울기 크기로 나누면 두 방향의 "
        "스텝이 고르게 됩니다. RMSProp과 Adam은 κ = 100에서도 κ = 3에서와 비슷한 스텝 수로 도착하지만, GD는 κ가 "
        "클수록 점점 더 많은 스텝이 필요합니다. (AdaGrad도 G₀ = 0이면 그렇습니다. optax의 G₀ = 0.1은 평평한 좌표의 "
        "작은 기울기를 붙잡아 둡니다. 아래 G₀ 참고.) 돌려 놓으면 x와 y가 모두 두 방향을 섞어 담으므로 좌표별 "
        "나눗셈으로는 둘을 구별할 수 없고, 오히려 스텝을 기울기 방향에서 비틀어 놓습니다. GD는 회전을 알아채지 "
        "못합니다. 경로는 같은 경로를 돌려 놓은 것일 뿐입니다. φ = 90°에서는 골짜기가 다시 축을 따라 놓이므로(y "
        "방향이 평평함) 적응적 방법도 왼쪽과 똑같이 빠릅니다. \"좌표별 크기 조정은 골짜기가 축을 따라 놓일 때에만 "
        "도움이 된다\"는 것은 이차 골짜기를 쓴 이 2차원 예제의 주장입니다. 실제 신경망에서 이 방법들이 겨냥하는 것은 "
        "매개변수마다 기울기 크기가 다른 상황이며, 이 페이지는 그것을 측정하지 않습니다.",
    },
    "lesson.adaptive.p3": {
        "en": "**AdaGrad** adds up every squared gradient, starting from $G_0$. The formulas above are what the code "
        "runs: optax's $G_0 = 0.1$ (its `initial_accumulator_value`; the notes and CS231n start from 0) and ε inside "
        "the root, $\\eta/\\sqrt{G_t + \\epsilon}$. **RMSProp** replaces the sum by an exponentially weighted average "
        "over roughly the last $1/(1-\\rho)$ squared gradients, also with ε inside the root (optax's default; CS231n "
        "and Keras put it outside, $\\eta/(\\sqrt{\\nu_t} + \\epsilon)$). **Adam** is momentum and RMSProp together, "
        "both averages bias-corrected, with ε outside the root, $\\eta/(\\sqrt{\\hat v_t} + \\epsilon)$, as in Kingma "
        "and Ba and optax. With ε between 10⁻⁸ and 10⁻⁷ the placement only matters where a gradient is as small as √ε.",
        "ko": "**AdaGrad**는 $G_0$에서 시작해 기울기 제곱을 모두 더합니다. 위의 식은 코드가 실제로 실행하는 "
        "그대로입니다. 초기값은 optax의 $G_0 = 0.1$(`initial_accumulator_value`이며, 강의 노트와 CS231n은 0에서 "
        "시작합니다)이고, ε은 제곱근 안에 있습니다: $\\eta/\\sqrt{G_t + \\epsilon}$. **RMSProp**은 합 대신 대략 최근 "
        "$1/(1-\\rho)$개의 기울기 제곱에 대한 지수 가중 평균을 쓰고, ε도 제곱근 안에 둡니다(optax의 기본값이며, "
        "CS231n과 Keras는 밖에 둡니다: $\\eta/(\\sqrt{\\nu_t} + \\epsilon)$). **Adam**은 모멘텀과 RMSProp을 합친 "
        "것으로, 두 평균 모두 편향 보정을 하고, Kingma와 Ba의 논문과 optax처럼 ε을 제곱근 밖에 둡니다: "
        "$\\eta/(\\sqrt{\\hat v_t} + \\epsilon)$. ε이 10⁻⁸~10⁻⁷이면 이 위치 차이는 기울기가 √ε 정도로 작을 때에만 "
        "드러납니다.",
    },
    # --- the long run -------------------------------------------------------------------------
    "lesson.adaptive.long.h": {"en": "Over a long run: AdaGrad slows down, it does not stop",
                               "ko": "오래 학습하면: AdaGrad는 느려질 뿐 멈추지 않습니다"},
    "lesson.adaptive.long.text": {
        "en": "Each rule runs {steps} steps on the valley (κ = 30, along the axes) with gradient noise: every gradient "
        "gets σ·ξ added (ξ standard normal), as a mini-batch would. Left: the effective learning rate of the x "
        "coordinate on log-log axes. AdaGrad's sum $G_t$ grows by about σ² every step, so its rate "
        "$\\eta/\\sqrt{{G_t+\\epsilon}}$ falls like $c/\\sqrt t$ (dashed: the fit). Right: the sum of AdaGrad's rates "
        "so far. It keeps growing, like $2c\\sqrt t$, because $\\sum 1/\\sqrt t$ has no limit: the steps shrink but "
        "never add up to a finite distance, so AdaGrad can still go anywhere; it only needs more steps (four times as "
        "many for twice the way). RMSProp forgets: its rate stays near $\\eta/\\sigma$. With ρ = 0.9 it averages "
        "about 10 squared gradients and wobbles; with ρ = 0.99 about 100, and it is smoother.",
        "ko": "각 방법을 골짜기(κ = 30, 축 방향)에서 {steps}스텝 실행합니다. 미니배치처럼 기울기마다 잡음 σ·ξ(ξ는 "
        "표준정규분포)를 더합니다. 왼쪽은 x 좌표의 유효 학습률입니다(로그-로그 축). AdaGrad의 합 $G_t$는 스텝마다 약 "
        "σ²씩 커지므로 유효 학습률 $\\eta/\\sqrt{{G_t+\\epsilon}}$은 $c/\\sqrt t$처럼 줄어듭니다(점선: 맞춘 곡선). "
        "오른쪽은 지금까지 AdaGrad 유효 학습률의 합입니다. 이 합은 $2c\\sqrt t$처럼 계속 커집니다. "
        "$\\sum 1/\\sqrt t$에는 극한이 없기 때문입니다. 스텝은 작아지지만 그 합이 유한한 거리에 묶이지 않으므로 "
        "AdaGrad는 여전히 어디든 갈 수 있습니다. 다만 스텝이 더 많이 필요할 뿐입니다(두 배 거리에 네 배 스텝). "
        "RMSProp은 잊어버리므로 유효 학습률이 $\\eta/\\sigma$ 근처에 머뭅니다. ρ = 0.9이면 기울기 제곱 약 10개를 "
        "평균해 흔들리고, ρ = 0.99이면 약 100개를 평균해 더 매끄럽습니다.",
    },
    "lesson.adaptive.noise": {"en": "Gradient noise σ", "ko": "기울기 잡음 σ"},
    "lesson.adaptive.g0": {"en": "AdaGrad's starting sum G₀ (optax 0.1; notes, CS231n 0)",
                           "ko": "AdaGrad의 초기 누적값 G₀ (optax 0.1, 강의 노트·CS231n 0)"},
    "lesson.adaptive.long.fit": {"en": "c/√t, fitted to AdaGrad", "ko": "AdaGrad에 맞춘 c/√t"},
    "lesson.adaptive.long.caption": {
        "en": "AdaGrad: c = {c} (η/σ = {theory}); c/√t fits its rate within {worst}% from step {t0} to {t1}. The sum "
        "of its rates is {s0} after {quarter} steps and {s1} after {steps}: ×{ratio} for four times the steps "
        "(2c√t gives ×2).",
        "ko": "AdaGrad: c = {c} (η/σ = {theory}). {t0}번째부터 {t1}번째 스텝까지 c/√t가 유효 학습률과 {worst}% "
        "이내로 일치합니다. 유효 학습률의 합은 {quarter}스텝 뒤 {s0}, {steps}스텝 뒤 {s1}이며, 스텝이 네 배일 때 "
        "×{ratio}입니다(2c√t라면 ×2).",
    },
    "lesson.adaptive.long.rho": {
        "en": "RMSProp's rate wobbles (std/mean from step {t0} on) by {w0}% with ρ = 0.9 and {w1}% with ρ = 0.99; "
        "for pure noise, √((1−ρ)/(2(1+ρ))) gives {th0}% and {th1}%.",
        "ko": "RMSProp 유효 학습률의 흔들림 ({t0}번째 스텝부터의 표준편차/평균): ρ = 0.9이면 {w0}%, ρ = 0.99이면 "
        "{w1}%. 순수한 잡음이라면 √((1−ρ)/(2(1+ρ)))에 따라 {th0}%와 {th1}%입니다.",
    },
    "lesson.adaptive.long.quiet": {
        "en": "Without noise the gradients fade as the run arrives, so AdaGrad's sum stops growing and its rate levels "
        "off ({half} at step {steps}/2, {last} at step {steps}): the 1/√t law needs gradients that do not fade.",
        "ko": "잡음이 없으면 실행이 도착하면서 기울기가 사라지므로 AdaGrad의 합은 더 커지지 않고 유효 학습률도 "
        "일정해집니다({steps}/2번째 스텝에서 {half}, {steps}번째 스텝에서 {last}). 1/√t 법칙은 기울기가 사라지지 "
        "않아야 성립합니다.",
    },
    "lesson.adaptive.long.g0": {
        "en": "G₀ matters at the start: from the valley's start the x gradient is g = {g}, and AdaGrad's first update of x "
        "is −η·g/√(G₀ + g² + ε) = {first} with G₀ = {g0} (η = {eta}); with G₀ = 0 it would be {plain}, about η·sign(g). "
        "In the race above (κ = {kappa}, along the axes) AdaGrad arrives in {a} steps with G₀ = {g0} and in {b} with "
        "G₀ = 0: a G₀ large beside the flat coordinate's small gradients holds it back for many steps.",
        "ko": "G₀는 처음에 중요합니다. 골짜기의 출발점에서 x 방향 기울기는 g = {g}이고, AdaGrad의 x 방향 첫 갱신은 "
        "G₀ = {g0}일 때 −η·g/√(G₀ + g² + ε) = {first}입니다(η = {eta}). G₀ = 0이라면 이 값은 {plain}, 곧 η·sign(g)에 "
        "가깝습니다. 위의 경주(κ = {kappa}, 축 방향)에서 AdaGrad는 G₀ = {g0}이면 {a}스텝, G₀ = 0이면 {b}스텝 만에 "
        "도착합니다. 평평한 좌표의 작은 기울기에 비해 G₀가 크면 오랫동안 발목을 잡습니다.",
    },
    # --- Adam's bias correction -----------------------------------------------------------------
    "lesson.adaptive.bias.h": {"en": "Adam's bias correction, and its usual settings",
                               "ko": "Adam의 편향 보정과 흔히 쓰는 설정값"},
    "lesson.adaptive.bias.text": {
        "en": "$m$ and $v$ start at zero, so their first values, $(1-\\beta_1)g$ and $(1-\\beta_2)g^2$, are far too "
        "small; dividing by $1-\\beta^t$ repairs that (see the lesson on exponentially weighted averages). Without "
        "it the first step is about $\\eta(1-\\beta_1)/\\sqrt{1-\\beta_2}$ per coordinate instead of $\\eta$: too large "
        "when β₂ is close to 1, too small when it is not. The page opens on the notes' code values (η = 0.01, "
        "β₂ = 0.99), where $(1-\\beta_1)/\\sqrt{1-\\beta_2} = 1$ by chance: the first step is right and the next "
        "ones are not. The button sets the values most code uses, from Kingma and Ba's paper.",
        "ko": "$m$과 $v$는 0에서 시작하므로 첫 값 $(1-\\beta_1)g$, $(1-\\beta_2)g^2$이 너무 작습니다. $1-\\beta^t$로 "
        "나누면 이것이 바로잡힙니다(지수 가중 평균 강의 참고). 보정하지 않으면 첫 스텝이 좌표마다 $\\eta$가 아니라 "
        "약 $\\eta(1-\\beta_1)/\\sqrt{1-\\beta_2}$가 됩니다. β₂가 1에 가까우면 너무 크고, 그렇지 않으면 너무 "
        "작습니다. 페이지는 강의 노트 코드의 값(η = 0.01, β₂ = 0.99)으로 열립니다. 이때는 우연히 "
        "$(1-\\beta_1)/\\sqrt{1-\\beta_2} = 1$이라 첫 스텝은 맞지만 그다음 스텝들은 틀립니다. 버튼을 누르면 대부분의 "
        "코드가 쓰는, Kingma와 Ba의 논문에서 온 값으로 바뀝니다.",
    },
    "lesson.adaptive.eta": {"en": "Learning rate η", "ko": "학습률 η"},
    "lesson.adaptive.b1": {"en": "β₁ (memory of the gradients)", "ko": "β₁ (기울기의 기억)"},
    "lesson.adaptive.b2": {"en": "β₂ (memory of the squared gradients)", "ko": "β₂ (기울기 제곱의 기억)"},
    "lesson.adaptive.eps": {"en": "ε (added to √v̂)", "ko": "ε (√v̂에 더하는 값)"},
    "lesson.adaptive.defaults": {"en": "Adam's usual defaults: η = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸",
                                 "ko": "Adam의 일반적인 기본값: η = 0.001, β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸"},
    "lesson.adaptive.bias.on": {"en": "Adam, bias-corrected", "ko": "Adam, 편향 보정"},
    "lesson.adaptive.bias.off": {"en": "Adam, no bias correction", "ko": "Adam, 편향 보정 없음"},
    "lesson.adaptive.bias.caption": {
        "en": "First step: {on} with bias correction, {off} without; the ratio is {ratio}. From the closed form of the "
        "first update with this ε: {theory} (≈ (1−β₁)/√(1−β₂) = {simple} when ε is much smaller than the gradient).",
        "ko": "첫 스텝: 편향 보정을 하면 {on}, 하지 않으면 {off}, 비율은 {ratio}입니다. 이 ε에서 첫 갱신의 닫힌 "
        "식으로 구한 값: {theory}(ε이 기울기보다 훨씬 작으면 ≈ (1−β₁)/√(1−β₂) = {simple}).",
    },
    # --- the notes' Adam loop (exercise) --------------------------------------------------------
    "lesson.adaptive.notes.h": {"en": "Exercise: the notes' Adam code", "ko": "연습: 강의 노트의 Adam 코드"},
    "lesson.adaptive.notes.text": {
        "en": "The course notes' Adam loop writes the bias-corrected values back into `m_w` and `v_w`. The next step "
        "averages on top of an already corrected value and divides by $1-\\beta^t$ again, so the corrections pile "
        "up. Find the two lines, then compare the runs below. Both loops fit a line's slope and intercept (w, b) to "
        "data, as the notes' code does, from the notes' start (1, 1) with their β₁ = 0.9, β₂ = 0.99 and ε = 10⁻⁸; "
        "η = 0.05 instead of their 0.01, so that the correct loop arrives within the run.",
        "ko": "강의 노트의 Adam 코드는 편향 보정한 값을 `m_w`와 `v_w`에 다시 덮어씁니다. 그러면 다음 스텝은 이미 "
        "보정된 값 위에 평균을 쌓고 다시 $1-\\beta^t$로 나누므로 보정이 거듭 쌓입니다. 문제의 두 줄을 찾은 뒤 아래 "
        "두 실행을 비교해 보세요. 두 코드 모두 노트의 코드처럼 직선의 기울기와 절편 (w, b)를 데이터에 맞추며, 노트의 "
        "출발점 (1, 1)과 노트의 β₁ = 0.9, β₂ = 0.99, ε = 10⁻⁸을 씁니다. 올바른 코드가 실행 안에 도착하도록 η는 "
        "노트의 0.01 대신 0.05를 씁니다.",
    },
    "lesson.adaptive.notes.code.notes": {"en": "The notes' loop", "ko": "강의 노트의 코드"},
    "lesson.adaptive.notes.code.fixed": {"en": "Correct (Kingma and Ba; optax)", "ko": "올바른 코드 (Kingma와 Ba, optax)"},
    "lesson.adaptive.notes.overwrite": {"en": "What the faulty loop overwrites", "ko": "잘못된 코드가 덮어쓰는 값"},
    "lesson.adaptive.notes.overwrite.mv": {"en": "m and v (the notes)", "ko": "m과 v (강의 노트)"},
    "lesson.adaptive.notes.overwrite.m": {"en": "only m", "ko": "m만"},
    "lesson.adaptive.notes.correct": {"en": "Adam, correct", "ko": "Adam, 올바른 코드"},
    "lesson.adaptive.notes.buggy": {"en": "Adam, overwritten moments", "ko": "Adam, 덮어쓴 모멘트"},
    "lesson.adaptive.notes.caption.mv": {
        "en": "After {steps} steps the correct loop is {correct} from the minimum, the notes' loop {notes} (it started "
        "{start} away). Step {k} of the notes' loop is {ratio}× the correct one's. For a steady gradient the "
        "overwritten m is already {a2}× the true average at step 2 and v {b2}×, and v keeps outgrowing m², so the "
        "steps shrink towards zero: the loop stalls.",
        "ko": "{steps}스텝 뒤 최솟값까지 남은 거리는 올바른 코드가 {correct}, 노트의 코드가 {notes}입니다(출발할 "
        "때는 {start}). 노트 코드의 {k}번째 스텝은 올바른 코드의 {ratio}배입니다. 기울기가 일정하면 덮어쓴 m은 2번째 "
        "스텝에서 이미 참 평균의 {a2}배, v는 {b2}배이고, v가 m²보다 계속 빨리 커지므로 스텝이 0을 향해 줄어듭니다. "
        "학습이 멈춰 버리는 것입니다.",
    },
    "lesson.adaptive.notes.caption.m": {
        "en": "After {steps} steps the correct loop is {correct} from the minimum, this one {notes} (it started {start} "
        "away). Step {k} is {ratio}× the correct one's. With only m overwritten nothing holds the inflated m back "
        "(already {a2}× the true average at step 2, and v would have been {b2}×), so the steps are far too large.",
        "ko": "{steps}스텝 뒤 최솟값까지 남은 거리는 올바른 코드가 {correct}, 이 코드가 {notes}입니다(출발할 때는 "
        "{start}). {k}번째 스텝은 올바른 코드의 {ratio}배입니다. m만 덮어쓰면 부풀려진 m(2번째 스텝에서 이미 참 "
        "평균의 {a2}배이며, v였다면 {b2}배)을 붙잡아 줄 것이 없어 스텝이 너무 커집니다.",
    },
    # --- try this -------------------------------------------------------------------------------
    "lesson.adaptive.try": {
        "en": "Turn the right-hand valley to 90°. It lies along the axes again, flat along y, and the adaptive rules "
        "arrive in exactly as many steps as on the left: what counts is whether the valley's axes are the coordinates, "
        "not which way the valley points.",
        "ko": "오른쪽 골짜기를 90°로 돌려 보세요. 골짜기가 다시 축을 따라 놓이고(y 방향이 평평함), 적응적 방법은 "
        "왼쪽과 정확히 같은 스텝 수로 도착합니다. 중요한 것은 골짜기가 어느 쪽을 향하느냐가 아니라 골짜기의 축이 "
        "좌표축과 일치하느냐입니다.",
    },
    "lesson.adaptive.try.button": {"en": "Turn it to 90°", "ko": "90°로 돌리기"},
}
