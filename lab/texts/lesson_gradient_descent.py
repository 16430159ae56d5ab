"""Texts of lesson 1, gradient descent and the learning rate."""

TEXTS: dict[str, dict[str, str]] = {
    "nav.gradient_descent": {"en": "1 · Gradient descent and the learning rate", "ko": "1 · 경사하강법과 학습률"},
    "lesson.gradient_descent.title": {"en": "Gradient descent and the learning rate", "ko": "경사하강법과 학습률"},
    "lesson.gradient_descent.claim": {
        "en": "Too small a learning rate crawls, too large diverges: on a quadratic the border is exactly η = 2/L.",
        "ko": "학습률이 너무 작으면 학습이 기어가듯 느리고, 너무 크면 발산합니다. 이차 함수에서 그 경계는 정확히 η = 2/L입니다.",
    },
    "lesson.gradient_descent.p1": {
        "en": "Gradient descent (GD) steps against the gradient, θ ← θ − η ∇f(θ). The **learning rate** η (the step "
        "size) decides how far each step goes. Too small, and training crawls: the run ends before it reaches the "
        "minimum. Too large, and every step overshoots to the other side of the valley, higher than before, until "
        "the loss runs away.",
        "ko": "경사하강법(GD)은 기울기의 반대 방향으로 한 스텝씩 이동합니다: θ ← θ − η ∇f(θ). **학습률** η(보폭)는 "
        "한 스텝에 얼마나 멀리 갈지를 정합니다. 너무 작으면 학습이 기어가듯 느려서 정해진 스텝 수 안에 최솟값에 닿지 "
        "못하고, 너무 크면 스텝마다 골짜기 반대편으로 넘어가 전보다 높은 곳에 떨어지다가 결국 손실이 "
        "폭주(발산)합니다.",
    },
    "lesson.gradient_descent.p2": {
        "en": "On a quadratic the border between the two is exact. Write the error in the Hessian's eigen-directions: "
        "every step multiplies the part along an eigenvalue λ by (1 − ηλ). It shrinks only when |1 − ηλ| < 1, that is "
        "0 < η < 2/λ, so the steepest direction, the largest eigenvalue L, sets the limit: **η < 2/L**.",
        "ko": "이차 함수에서는 그 경계가 정확히 정해집니다. 오차를 헤세 행렬의 고유 방향으로 나누어 보면, 스텝마다 "
        "고윳값 λ 방향의 성분에 (1 − ηλ)가 곱해집니다. 이 성분은 |1 − ηλ| < 1, 곧 0 < η < 2/λ일 때만 줄어듭니다. "
        "그러니 가장 가파른 방향, 즉 가장 큰 고윳값 L이 한계를 정합니다: **η < 2/L**.",
    },
    "lesson.gradient_descent.p3": {
        "en": "The figure: four GD runs on the ill-conditioned quadratic, at fixed fractions of 2/L. L is not typed "
        "in: it is the largest eigenvalue of the surface's own Hessian (`jax.hessian`, then `eigvalsh`). The slider "
        "multiplies all four rates. On the log axis of the loss curves, a straight line means a constant factor per "
        "step.",
        "ko": "그림은 조건수가 큰 이차 함수에서 GD를 네 번 실행한 결과입니다. 네 학습률은 각각 2/L의 정해진 "
        "비율이고, L은 손으로 적은 값이 아니라 지형의 헤세 행렬(`jax.hessian`)의 가장 큰 고윳값(`eigvalsh`)입니다. "
        "슬라이더는 네 학습률에 같은 배수를 곱합니다. 손실 곡선은 로그 축이므로, 직선은 스텝마다 같은 비율로 "
        "줄어든다는 뜻입니다.",
    },
    "lesson.gradient_descent.p4": {
        "en": "Between 1/L and 2/L the steep direction overshoots and changes sign every step (the zigzag) but still "
        "shrinks. The flat direction, the smallest eigenvalue μ, sets the speed: the best constant rate 2/(L+μ) "
        "balances the two, and the larger the condition number κ = L/μ, the slower even that best rate is.",
        "ko": "1/L과 2/L 사이에서는 가파른 방향이 스텝마다 지나쳐서 부호가 바뀌지만(지그재그) 그래도 줄어듭니다. "
        "속도는 평평한 방향, 곧 가장 작은 고윳값 μ가 정합니다. 가장 빠른 고정 학습률 2/(L+μ)는 두 방향의 균형을 맞춘 "
        "값이고, 조건수 κ = L/μ가 클수록 이 최선의 학습률로도 수렴이 느려집니다.",
    },
    "lesson.gradient_descent.try": {
        "en": "Make the valley a hundred times flatter along its floor than across it (κ = 100), multiplier 1. "
        "The limit 2/L does not move, because L is the steep direction's curvature. But along the flat floor the "
        "error now shrinks only by 1 − ημ per step (0.99 at η = 1): the paths stop short of the star.",
        "ko": "골짜기 바닥 방향을 골짜기를 가로지르는 방향보다 100배 평평하게(κ = 100) 만들고 배수는 1로 두세요. L은 "
        "가파른 방향의 곡률이므로 한계 2/L은 그대로입니다. 하지만 평평한 바닥 방향의 오차는 이제 스텝마다 1 − ημ배(η "
        "= 1이면 0.99배)로밖에 줄지 않아, 경로들이 별표에 닿기 전에 멈춥니다.",
    },
    "lesson.gradient_descent.try.button": {"en": "κ = 100, multiplier 1", "ko": "κ = 100, 배수 1"},
    "lesson.gradient_descent.multiplier": {"en": "Multiply all four learning rates by", "ko": "네 학습률에 곱할 배수"},
    "lesson.gradient_descent.condition": {"en": "Condition number κ = L/μ of the valley", "ko": "골짜기의 조건수 κ = L/μ"},
    "lesson.gradient_descent.hessian": {
        "en": "Hessian at the minimum (by `jax.hessian`): μ = {mu}, L = {L}. GD is stable for η < 2/L = **{limit}**; "
        "the fastest constant rate is 2/(L+μ) = {best}. Left: the paths; right: f − f* per step.",
        "ko": "최솟값에서의 헤세 행렬(`jax.hessian`): μ = {mu}, L = {L}. GD는 η < 2/L = **{limit}**일 때 안정적이고, "
        "가장 빠른 고정 학습률은 2/(L+μ) = {best}입니다. 왼쪽은 경로, 오른쪽은 스텝별 f − f*입니다.",
    },
    "lesson.gradient_descent.run": {"en": "η = {eta} ({fraction} × 2/L)", "ko": "η = {eta} (2/L의 {fraction}배)"},
    "lesson.gradient_descent.results": {"en": "What each GD run did", "ko": "각 GD 실행의 결과"},
    "lesson.gradient_descent.diverged": {
        "en": "**{label}**: :material/error: diverged at step {step}. Each step multiplies the steep direction's error by "
        "|1 − ηL| = {factor} > 1.",
        "ko": "**{label}**: :material/error: {step}번째 스텝에서 발산했습니다. 스텝마다 가파른 방향의 오차에 "
        "|1 − ηL| = {factor} > 1이 곱해지기 때문입니다.",
    },
    "lesson.gradient_descent.reached": {
        "en": "**{label}**: reached the minimum (within 10⁻³ of the way down) at step {step}; the slowest direction "
        "shrinks by a factor {factor} per step.",
        "ko": "**{label}**: {step}번째 스텝에서 최솟값에 도달했습니다(내려가야 할 높이의 10⁻³ 이내). 가장 느린 "
        "방향은 스텝마다 {factor}배로 줄어듭니다.",
    },
    "lesson.gradient_descent.far": {
        "en": "**{label}**: after {steps} steps still {gap} above the minimum (it started {start} above): the slowest "
        "direction shrinks only by a factor {factor} per step.",
        "ko": "**{label}**: {steps}스텝 뒤에도 최솟값보다 {gap} 높습니다(출발할 때는 {start} 높았습니다). 가장 느린 "
        "방향이 스텝마다 {factor}배로밖에 줄지 않기 때문입니다.",
    },
    "lesson.gradient_descent.rule": {"en": "The 2/L rule, drawn", "ko": "2/L 규칙을 그림으로"},
    "lesson.gradient_descent.rule.help": {
        "en": "Dotted: |1 − ηλ| for each eigenvalue of the Hessian; solid: the larger of them, the factor the error "
        "shrinks (or grows) by per step. Above the dashed line at 1 the run diverges; the red band starts at η = 2/L.",
        "ko": "점선은 헤세 행렬의 각 고윳값 λ에 대한 |1 − ηλ|, 실선은 그중 큰 값으로, 한 스텝에 오차가 줄어드는(또는 "
        "커지는) 배율입니다. 1을 나타내는 파선 위로 올라가면 발산하며, 빨간 영역은 η = 2/L에서 시작합니다.",
    },
    "lesson.gradient_descent.f.stable": {"en": "stable", "ko": "안정"},
    "lesson.gradient_descent.axis.step": {"en": "step", "ko": "스텝"},
    "lesson.gradient_descent.axis.loss": {"en": "f − f* (log)", "ko": "f − f* (로그)"},
    "lesson.gradient_descent.axis.eta": {"en": "learning rate η", "ko": "학습률 η"},
    "lesson.gradient_descent.axis.factor": {"en": "error factor per step, max |1 − ηλ|", "ko": "한 스텝의 오차 배율, max |1 − ηλ|"},
    "lesson.gradient_descent.hover.diverged": {"en": "diverged at step {step}", "ko": "{step}번째 스텝에서 발산"},
}
