"""Texts of lesson 6, learning-rate schedules and warmup."""

TEXTS: dict[str, dict[str, str]] = {
    "nav.schedules": {"en": "6 · Learning-rate schedules", "ko": "6 · 학습률 스케줄"},
    "lesson.schedules.title": {"en": "Learning-rate schedules and warmup", "ko": "학습률 스케줄과 워밍업"},
    "lesson.schedules.p1": {
        "en": "Walking down into a valley with a constant stride, you keep stepping over the lowest spot; to reach it "
        "you have to shorten your steps as you go. A **learning-rate schedule** does that: η becomes a function of "
        "the step, η(t), large early for fast progress and smaller later so the run can settle.",
        "ko": "골짜기로 내려갈 때 보폭을 일정하게 유지하면 가장 낮은 곳을 계속 지나치게 됩니다. 바닥에 닿으려면 "
        "내려갈수록 보폭을 줄여야 합니다. **학습률 스케줄**이 바로 그 일을 합니다: η 를 단계의 함수 η(t) 로 두어, "
        "처음에는 크게 해서 빨리 나아가고 나중에는 작게 해서 자리를 잡게 합니다.",
    },
    "lesson.schedules.p2": {
        "en": "The common shapes: **step decay** halves η every T steps (γ = ½); **exponential decay** multiplies it by "
        "γ^(t/T), smoothly or, with a staircase, in whole periods; **inverse-time decay** divides it by 1 + γt/T; "
        "**cosine** follows half a cosine wave from η down to αη. They differ in shape, not in purpose.",
        "ko": "흔히 쓰는 모양들: **계단식 감쇠**는 T 단계마다 η 를 절반으로(γ = ½) 줄이고, **지수 감쇠**는 γ^(t/T) 를 "
        "곱해 매끄럽게, 또는 계단식(staircase)이면 주기 단위로 줄입니다. **역시간 감쇠**는 1 + γt/T 로 나누고, "
        "**코사인**은 반 주기의 코사인을 따라 η 에서 αη 까지 내려갑니다. 모양은 달라도 목적은 같습니다.",
    },
    "lesson.schedules.p3": {
        "en": "Why decay helps: with noisy gradients (a mini-batch never gives the exact gradient) a constant η cannot "
        "settle. Each step adds a kick of size about ησ, and the run rattles around the minimum at a noise floor that "
        "grows with η. Shrinking η shrinks the kicks, and the run settles. Below: SGD with gradient noise σ on the "
        "ill-conditioned quadratic, with a constant rate and with your schedule, on the same noise.",
        "ko": "감쇠가 왜 도움이 될까요? 기울기에 잡음이 있으면(미니배치는 정확한 기울기를 주지 않습니다) 고정된 η 로는 "
        "자리를 잡을 수 없습니다. 매 단계 크기 ησ 정도의 충격이 더해져, 최솟값 주위에서 η 에 비례해 커지는 잡음 "
        "바닥(noise floor) 높이로 계속 흔들립니다. η 를 줄이면 충격도 줄어 자리를 잡습니다. 아래는 나쁜 조건수의 "
        "이차 함수에서 기울기 잡음 σ 를 넣은 SGD 를, 고정 학습률과 여러분이 고른 스케줄로 같은 잡음 아래 돌린 것입니다.",
    },
    "lesson.schedules.p4": {
        "en": "**Warmup** goes the other way at the start: η rises linearly from 0 over the first W steps (Goyal et "
        "al., 2017). At the start the parameters are far from good values, where the loss can be much steeper than "
        "near a minimum; a rate that is fine later can blow the run up there. Small first steps carry it into calmer "
        "ground before the full rate arrives.",
        "ko": "**워밍업**은 처음에 반대로 갑니다: 처음 W 단계 동안 η 를 0 에서 선형으로 키웁니다(Goyal 외, 2017). "
        "학습 초반의 매개변수는 좋은 값과 거리가 멀고, 그곳의 손실은 최솟값 근처보다 훨씬 가파를 수 있습니다. "
        "나중에는 괜찮을 학습률이 거기서는 학습을 발산시킬 수 있습니다. 작은 첫걸음으로 완만한 곳까지 옮겨 간 뒤에 "
        "원래 학습률을 쓰는 것입니다.",
    },
    "lesson.schedules.try": {
        "en": "Compare the constant rate with a cosine decay to zero: the constant run keeps rattling at its noise "
        "floor, while the cosine run settles as η(t) goes to 0.",
        "ko": "고정 학습률과 0 까지 내려가는 코사인 감쇠를 비교해 보세요. 고정 학습률은 잡음 바닥에서 계속 흔들리고, "
        "코사인은 η(t) 가 0 으로 가면서 자리를 잡습니다.",
    },
    "lesson.schedules.try.button": {"en": "Cosine to zero", "ko": "0 까지 코사인"},
    "lesson.schedules.schedule": {"en": "Schedule", "ko": "스케줄"},
    "lesson.schedules.lr": {"en": "Initial learning rate η", "ko": "처음 학습률 η"},
    "lesson.schedules.noise": {"en": "Gradient noise σ", "ko": "기울기 잡음 σ"},
    "lesson.schedules.warmup": {"en": "Warmup steps W (used by every run on this page)", "ko": "워밍업 단계 수 W (이 페이지의 모든 실행에 적용)"},
    "lesson.schedules.curves": {"en": "η(t): your schedule, and the others faintly", "ko": "η(t): 고른 스케줄과 나머지(흐리게)"},
    "lesson.schedules.effect": {"en": "Its effect on a noisy run", "ko": "잡음 있는 학습에 미치는 효과"},
    "lesson.schedules.run.constant": {"en": "constant η = {eta}", "ko": "고정 η = {eta}"},
    "lesson.schedules.run.scheduled": {"en": "{schedule}, η₀ = {eta}", "ko": "{schedule}, 처음 학습률 η₀ = {eta}"},
    "lesson.schedules.floor": {
        "en": "Average f − f* over the last {last} steps: constant rate **{constant}**, {schedule} **{scheduled}**. "
        "For a constant η the theory's noise floor is Σ_λ ησ² / (2(2 − ηλ)) = **{floor}**, with λ = {lams} the "
        "eigenvalues of the surface's Hessian.",
        "ko": "마지막 {last} 단계의 f − f* 평균: 고정 학습률 **{constant}**, {schedule} **{scheduled}**. 고정 η 에 대한 "
        "이론적 잡음 바닥은 Σ_λ ησ² / (2(2 − ηλ)) = **{floor}** 입니다 (λ = {lams}: 지형의 헤세 행렬의 고윳값).",
    },
    "lesson.schedules.floor.none": {
        "en": "With σ = 0 the gradient is exact: there is no noise floor, and a constant rate below 2/L converges on its own.",
        "ko": "σ = 0 이면 기울기가 정확하므로 잡음 바닥이 없고, 2/L 보다 작은 고정 학습률은 그대로 수렴합니다.",
    },
    "lesson.schedules.rescue": {"en": "Warmup rescues a run that diverges", "ko": "발산하는 학습을 구하는 워밍업"},
    "lesson.schedules.rescue.help": {
        "en": "SGD with a constant η = {eta} on the tilted double well, started at its suggested point, once without "
        "warmup and once with the W steps of warmup chosen above.",
        "ko": "기울어진 이중 우물 지형에서 추천 출발점부터 고정 η = {eta} 로 돌린 SGD 입니다. 한 번은 워밍업 없이, "
        "한 번은 위에서 고른 W 단계의 워밍업으로 돌렸습니다.",
    },
    "lesson.schedules.run.cold": {"en": "no warmup", "ko": "워밍업 없음"},
    "lesson.schedules.run.warm": {"en": "{w}-step warmup", "ko": "워밍업 {w}단계"},
    "lesson.schedules.diverged": {"en": "**{label}**: 💥 diverged at step {step}.", "ko": "**{label}**: 💥 {step}번째 단계에서 발산했습니다."},
    "lesson.schedules.settled": {
        "en": "**{label}**: no divergence; after {steps} steps it sits at ({x}, {y}), next to the minimum at ({mx}, {my}).",
        "ko": "**{label}**: 발산하지 않았습니다. {steps}단계 뒤 ({x}, {y}) 에 있으며, ({mx}, {my}) 의 최솟값 바로 곁입니다.",
    },
    "lesson.schedules.why.start": {
        "en": "Why: at the start the Hessian's largest eigenvalue is L = {big_l}, so a step is stable only for "
        "η < 2/L = {limit}; η = {eta} is {ratio}× too large there.",
        "ko": "이유: 출발점에서 헤세 행렬의 가장 큰 고윳값이 L = {big_l} 이므로 η < 2/L = {limit} 이어야 안정적입니다. "
        "학습률 η(= {eta})는 그곳 한계의 {ratio}배입니다.",
    },
    "lesson.schedules.why.end": {
        "en": "At the minimum the warmed-up run reached, L = {big_l} and 2/L = {limit} > η: once there, the full rate "
        "is safe. The warmup crossed the steep start with small steps.",
        "ko": "워밍업한 학습이 도달한 최솟값에서는 L = {big_l}, 2/L = {limit} > η 입니다. 거기에 닿은 뒤에는 원래 "
        "학습률도 안전합니다. 워밍업이 가파른 출발 구간을 작은 걸음으로 건너게 해 준 것입니다.",
    },
    "lesson.schedules.axis.step": {"en": "step t", "ko": "단계 t"},
    "lesson.schedules.axis.lr": {"en": "learning rate η(t)", "ko": "학습률 η(t)"},
    "lesson.schedules.axis.loss": {"en": "f − f* (log)", "ko": "f − f* (로그)"},
    "lesson.schedules.annot.floor": {"en": "noise floor of constant η: {floor}", "ko": "고정 η 의 잡음 바닥: {floor}"},
    "lesson.schedules.hover.mean": {"en": "running mean of {window} steps", "ko": "{window}단계 이동 평균"},
    "lesson.schedules.effect.help": {
        "en": "Faint: the loss at every step; bold: its running mean over {window} steps. Dashed red: the noise floor "
        "that theory predicts for the constant rate.",
        "ko": "흐린 선은 매 단계의 손실, 굵은 선은 {window}단계 이동 평균입니다. 빨간 파선은 고정 학습률에 대해 이론이 "
        "예측하는 잡음 바닥입니다.",
    },
    "lesson.schedules.annot.warmup": {"en": "warmup", "ko": "워밍업"},
    "lesson.schedules.hover.diverged": {"en": "diverged at step {step}", "ko": "{step}번째 단계에서 발산"},
}
