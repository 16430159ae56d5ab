"""Texts of lesson 4, AdaGrad, RMSProp and Adam: key -> {"en": ..., "ko": ...}."""

TEXTS: dict[str, dict[str, str]] = {
    "nav.adaptive": {"en": "4 · AdaGrad, RMSProp, Adam", "ko": "4 · 적응적 학습률: AdaGrad, RMSProp, Adam"},
    "lesson.adaptive.title": {"en": "AdaGrad, RMSProp, Adam: a step size per coordinate",
                              "ko": "AdaGrad, RMSProp, Adam: 좌표마다 다른 학습률"},
    "lesson.adaptive.p1": {
        "en": "One learning rate for every parameter is a compromise: in a narrow valley the steep coordinate wants "
        "small steps and the flat one large steps. Adaptive methods give each coordinate its own step, dividing its "
        "gradient by the root of that coordinate's past squared gradients: large gradients so far, smaller steps now.",
        "ko": "모든 매개변수에 학습률 하나를 쓰는 것은 타협입니다. 좁은 골짜기에서 가파른 좌표는 작은 걸음을, 완만한 "
        "좌표는 큰 걸음을 원합니다. 적응적 방법은 좌표마다 따로 학습률을 줍니다. 각 좌표의 기울기를 그 좌표가 지금까지 "
        "겪은 기울기 제곱의 제곱근으로 나누므로, 지금까지 기울기가 컸던 좌표일수록 걸음이 작아집니다.",
    },
    "lesson.adaptive.p2": {
        "en": "**AdaGrad** adds up every squared gradient, $G_t = G_{t-1} + g_t^2$. The sum only grows, so the step "
        "$\\eta/\\sqrt{G_t}$ only shrinks: on a long run with noisy gradients it goes to zero and learning stops, "
        "minimum or not.",
        "ko": "**AdaGrad** 는 기울기 제곱을 모두 더합니다 ($G_t = G_{t-1} + g_t^2$). 이 합은 커지기만 하므로 걸음 "
        "$\\eta/\\sqrt{G_t}$ 는 작아지기만 합니다. 잡음이 섞인 기울기로 오래 학습하면 걸음이 0 으로 줄어, 최솟값에 "
        "닿았든 아니든 학습이 멈춥니다.",
    },
    "lesson.adaptive.p3": {
        "en": "**RMSProp** replaces the sum by an exponentially weighted average, $\\nu_t = \\rho\\,\\nu_{t-1} + "
        "(1-\\rho)\\,g_t^2$: it remembers roughly the last $1/(1-\\rho)$ squared gradients, so the step follows the "
        "recent gradient scale instead of shrinking forever.",
        "ko": "**RMSProp** 는 합 대신 지수 가중 평균 $\\nu_t = \\rho\\,\\nu_{t-1} + (1-\\rho)\\,g_t^2$ 을 씁니다. 대략 "
        "최근 $1/(1-\\rho)$ 개의 기울기 제곱만 기억하므로, 걸음이 끝없이 줄지 않고 최근 기울기의 크기를 따라갑니다.",
    },
    "lesson.adaptive.p4": {
        "en": "**Adam** is momentum and RMSProp together: an average of the gradients ($\\beta_1$) divided by the root "
        "of an average of their squares ($\\beta_2$). Both averages start at zero, so both are bias-corrected.",
        "ko": "**Adam** 은 모멘텀과 RMSProp 을 합친 것입니다. 기울기의 평균($\\beta_1$)을 기울기 제곱 평균($\\beta_2$)의 "
        "제곱근으로 나눕니다. 두 평균 모두 0 에서 시작하므로 둘 다 편향 보정을 합니다.",
    },
    "lesson.adaptive.p5": {
        "en": "\"Per coordinate\" means along the axes x and y. That helps only when the valley's steep and flat "
        "directions are those axes.",
        "ko": "\"좌표마다\" 란 x 축과 y 축 방향마다라는 뜻입니다. 그래서 골짜기의 가파른 방향과 완만한 방향이 바로 그 축일 "
        "때에만 도움이 됩니다.",
    },
    # 1) long run
    "lesson.adaptive.long.h": {"en": "Step sizes over a long run", "ko": "오래 학습할 때의 걸음 크기"},
    "lesson.adaptive.long.text": {
        "en": "AdaGrad, RMSProp and Adam each run {steps} steps on the valley (κ = 30) with gradient noise: every "
        "gradient gets σ·ξ added (ξ standard normal), as a mini-batch would. Top: each coordinate's effective step "
        "$\\eta/\\sqrt{{\\cdot}}$ (solid x, dashed y); bottom: what it divides by, the memory of squared gradients "
        "(AdaGrad's sum $G$, RMSProp's $\\nu$, Adam's $\\hat v$). Set σ = 0 to see the noiseless case: the gradients "
        "vanish at the minimum, AdaGrad's sum stops growing, and RMSProp's average forgets them, so its step grows "
        "until it hovers around the minimum.",
        "ko": "AdaGrad, RMSProp, Adam 을 골짜기(κ = 30)에서 각각 {steps} 번 반복합니다. 미니배치처럼 기울기마다 잡음 "
        "σ·ξ (ξ 는 표준정규분포)를 더합니다. 위: 좌표마다의 실제 걸음 $\\eta/\\sqrt{{\\cdot}}$ (실선 x, 점선 y). 아래: 나누는 "
        "값, 곧 기울기 제곱의 기억 (AdaGrad 의 합 $G$, RMSProp 의 $\\nu$, Adam 의 $\\hat v$). σ = 0 으로 두면 잡음이 없는 "
        "경우입니다. 최솟값에서 기울기가 사라지면 AdaGrad 의 합은 더 자라지 않고, RMSProp 의 평균은 그것을 잊어버려 "
        "걸음이 커지다가 최솟값 주변을 맴돕니다.",
    },
    "lesson.adaptive.noise": {"en": "Gradient noise σ", "ko": "기울기 잡음 σ"},
    "lesson.adaptive.long.step": {"en": "step (log)", "ko": "반복 (로그)"},
    "lesson.adaptive.long.effective_lr": {"en": "effective step η/√(…)", "ko": "실제 걸음 η/√(…)"},
    "lesson.adaptive.long.second_moment": {"en": "memory of g² (G, ν, v̂)", "ko": "기울기 제곱의 기억 (G, ν, v̂)"},
    "lesson.adaptive.long.caption": {
        "en": "From step {t0} to step {t1}, the x coordinate's step became smaller by a factor of: AdaGrad {adagrad}, "
        "RMSProp {rmsprop}, Adam {adam}. A step that falls like 1/√t shrinks by √10 = {sqrt10} over such a decade.",
        "ko": "{t0} 번째부터 {t1} 번째 반복까지 x 좌표의 걸음이 줄어든 배수: AdaGrad {adagrad}, RMSProp {rmsprop}, "
        "Adam {adam}. 1/√t 로 줄어드는 걸음이라면 이 열 배 구간에서 √10 = {sqrt10} 배 줄어듭니다.",
    },
    # 2) turned valley
    "lesson.adaptive.turn.h": {"en": "Per-coordinate scaling: along the axes, and turned",
                               "ko": "좌표마다의 스케일링: 축을 따라 놓인 골짜기와 돌려 놓은 골짜기"},
    "lesson.adaptive.turn.text": {
        "en": "Each method runs with its own learning rate (in the legend) from the same point relative to the valley. "
        "Along the axes, x is the flat direction and y the steep one, and dividing each coordinate by its own "
        "gradient scale evens them out. Turned by 45°, x and y each see both directions and the division cannot "
        "separate them. Gradient descent does not care which way the valley points. (RMSProp reaches the minimum first "
        "but does not stay: as the gradients vanish its average forgets them, its step grows, and it bounces out to "
        "hover nearby.)",
        "ko": "각 방법은 범례에 적힌 자기 학습률로, 골짜기에 대해 같은 위치에서 출발합니다. 골짜기가 축을 따라 놓이면 "
        "x 는 완만한 방향, y 는 가파른 방향이고, 좌표마다 자기 기울기 크기로 나누면 두 방향의 걸음이 고르게 됩니다. "
        "45° 돌리면 x 와 y 가 모두 두 방향을 섞어 보므로 좌표별 나눗셈으로는 둘을 떼어 낼 수 없습니다. 경사하강법은 "
        "골짜기가 어느 쪽을 향하든 상관하지 않습니다. (RMSProp 은 가장 먼저 최솟값에 닿지만 머무르지 못합니다. 기울기가 "
        "사라지면 평균이 그것을 잊어버려 걸음이 커지고, 튕겨 나가 근처를 맴돕니다.)",
    },
    "lesson.adaptive.angle": {"en": "The valley", "ko": "골짜기의 방향"},
    "lesson.adaptive.angle.aligned": {"en": "along the axes (θ = 0)", "ko": "축을 따라 (θ = 0)"},
    "lesson.adaptive.angle.turned": {"en": "turned by 45° (θ = π/4)", "ko": "45° 돌림 (θ = π/4)"},
    "lesson.adaptive.turn.caption": {
        "en": "Steps until the loss is below 10⁻⁶ of where it started ({steps} steps run): {results}.",
        "ko": "손실이 처음 값의 10⁻⁶ 아래로 내려갈 때까지 걸린 반복 수 (전체 {steps} 번 반복): {results}.",
    },
    "lesson.adaptive.loss.h": {"en": "Loss per step", "ko": "반복마다의 손실"},
    "lesson.adaptive.never": {"en": "not within the run", "ko": "이번 실행 안에는 도달 못 함"},
    # 3) bias correction
    "lesson.adaptive.bias.h": {"en": "Adam's bias correction", "ko": "Adam 의 편향 보정"},
    "lesson.adaptive.bias.text": {
        "en": "$m$ and $v$ start at zero, so their first values, $(1-\\beta_1)g$ and $(1-\\beta_2)g^2$, are far too "
        "small; dividing by $1-\\beta^t$ repairs that (see the lesson on exponentially weighted averages). Without "
        "it the first step is $\\eta(1-\\beta_1)/\\sqrt{1-\\beta_2}$ per coordinate instead of $\\eta$: too large when "
        "β₂ is close to 1, too small when it is not. Move β₂ and compare the first steps.",
        "ko": "$m$ 과 $v$ 는 0 에서 시작하므로 첫 값 $(1-\\beta_1)g$, $(1-\\beta_2)g^2$ 이 너무 작습니다. $1-\\beta^t$ 로 "
        "나누면 이것이 바로잡힙니다 (지수 가중 평균 강의 참고). 보정하지 않으면 첫 걸음이 좌표마다 $\\eta$ 가 아니라 "
        "$\\eta(1-\\beta_1)/\\sqrt{1-\\beta_2}$ 가 됩니다. β₂ 가 1 에 가까우면 너무 크고, 그렇지 않으면 너무 작습니다. "
        "β₂ 를 바꿔 가며 첫 걸음들을 비교해 보세요.",
    },
    "lesson.adaptive.b2": {"en": "β₂ (memory of the squared gradients)", "ko": "β₂ (기울기 제곱의 기억)"},
    "lesson.adaptive.bias.on": {"en": "Adam, bias-corrected", "ko": "Adam, 편향 보정"},
    "lesson.adaptive.bias.off": {"en": "Adam, no bias correction", "ko": "Adam, 편향 보정 없음"},
    "lesson.adaptive.bias.step": {"en": "step", "ko": "반복"},
    "lesson.adaptive.bias.length": {"en": "step length ‖Δθ‖", "ko": "걸음 길이 ‖Δθ‖"},
    "lesson.adaptive.bias.caption": {
        "en": "First step: {on} with bias correction, {off} without; the ratio is {ratio}. Theory: "
        "(1−β₁)/√(1−β₂) = {theory}.",
        "ko": "첫 걸음: 편향 보정을 하면 {on}, 하지 않으면 {off}, 비율은 {ratio}. 이론값: (1−β₁)/√(1−β₂) = {theory}.",
    },
    # try this
    "lesson.adaptive.try": {
        "en": "Turn the valley by 45°. Gradient descent needs exactly as many steps as before; AdaGrad and RMSProp "
        "no longer arrive within the run, and Adam needs many more steps. Per-coordinate scaling helps only when the "
        "steep and flat directions are the coordinates.",
        "ko": "골짜기를 45° 돌려 보세요. 경사하강법은 전과 정확히 같은 반복 수가 걸리지만, AdaGrad 와 RMSProp 은 이번 "
        "실행 안에 도착하지 못하고 Adam 도 훨씬 많은 반복이 필요합니다. 좌표마다의 스케일링은 가파른 방향과 완만한 "
        "방향이 곧 좌표축일 때에만 도움이 됩니다.",
    },
    "lesson.adaptive.try.button": {"en": "Turn the valley 45°", "ko": "골짜기를 45° 돌리기"},
}
