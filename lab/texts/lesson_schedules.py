"""Texts of lesson 6, learning-rate schedules and warmup."""

TEXTS: dict[str, dict[str, str]] = {
    "nav.schedules": {"en": "6 · Learning-rate schedules", "ko": "6 · 학습률 스케줄"},
    "lesson.schedules.title": {"en": "Learning-rate schedules and warmup", "ko": "학습률 스케줄과 워밍업"},
    "lesson.schedules.claim": {
        "en": "Shrink η as the epochs go by and noisy SGD settles lower than a constant η lets it; "
        "warm η up and the first steps do not blow up.",
        "ko": "에포크가 지날수록 η를 줄이면 잡음 섞인 SGD가 고정 η보다 더 낮은 곳에 자리 잡고, "
        "η를 0에서 서서히 키우면(워밍업) 첫 스텝들이 발산하지 않습니다.",
    },
    "lesson.schedules.p1": {
        "en": "Walking down into a valley with a constant stride, you keep stepping over the lowest spot; to reach it "
        "you have to shorten your steps as you go. A **learning-rate schedule** does that: η becomes a function of "
        "the step or the epoch, large early for fast progress and smaller later so the run can settle.",
        "ko": "골짜기로 내려갈 때 보폭을 일정하게 유지하면 가장 낮은 곳을 계속 지나치게 됩니다. 바닥에 닿으려면 "
        "내려갈수록 보폭을 줄여야 합니다. **학습률 스케줄**이 바로 그 일을 합니다. η를 스텝이나 에포크의 함수로 "
        "두어, 처음에는 크게 해서 빨리 나아가고 나중에는 작게 해서 자리를 잡게 합니다.",
    },
    "lesson.schedules.p2": {
        "en": "The course writes the decay per **epoch** (one pass over the data), with the epoch number n = 1, 2, … "
        "counted from 1: η = η₀/(1 + d·n), η = 0.95ⁿ·η₀, η = k/√n·η₀; **step decay** halves η every K epochs; "
        "**manual decay** means watching the run and cutting η by hand (here to a tenth) when the loss stops "
        "falling. Counted from 1, the first epoch already runs below η₀: at d = 1 it runs at η₀/2. The figure runs "
        "mini-batch SGD on lesson 2's regression, the decayed run on the same mini-batches as the constant one.",
        "ko": "강의에서는 감쇠를 **에포크**(데이터 전체를 한 번 훑는 단위)마다 정하고, 에포크 번호 n = 1, 2, …를 "
        "1부터 셉니다. η = η₀/(1 + d·n), η = 0.95ⁿ·η₀, η = k/√n·η₀입니다. **계단식 감쇠**는 K 에포크마다 η를 "
        "절반으로 줄이고, **수동 감쇠**는 학습을 지켜보다가 손실이 더 줄지 않을 때 η를 직접(여기서는 10분의 1로) "
        "낮추는 것입니다. 1부터 세므로 첫 에포크부터 η₀보다 작은 값으로 학습합니다. d = 1이면 η₀/2입니다. 그림은 "
        "2강의 회귀 문제에서 미니배치 SGD를 실행한 것이며, 감쇠한 실행은 고정 η 실행과 같은 미니배치를 씁니다.",
    },
    "lesson.schedules.p3": {
        "en": "CS231n adds an order of work: decay is a second-order hyperparameter, used more with SGD + momentum "
        "than with Adam. Train without decay first and choose η well; then read the loss curve and add decay where "
        "it flattens. The exercise below does exactly that.",
        "ko": "CS231n은 작업 순서도 알려 줍니다. 감쇠는 부차적인 하이퍼파라미터이고, Adam보다 SGD + 모멘텀에서 더 "
        "자주 씁니다. 먼저 감쇠 없이 학습하며 η를 잘 고르고, 그다음 손실 곡선을 보고 곡선이 평평해지는 곳에 감쇠를 "
        "넣습니다. 아래 연습이 바로 그 순서를 따릅니다.",
    },
    "lesson.schedules.p4": {
        "en": "Why decay helps: with noisy gradients (a mini-batch never gives the exact gradient) a constant η cannot "
        "settle. Each step adds a kick of size about ησ, and the run rattles around the minimum at a noise floor that "
        "grows with η. Shrinking η shrinks the kicks, and the run settles. The section on the noise floor shows it "
        "on the ill-conditioned quadratic with gradient noise σ, where the floor has a closed form.",
        "ko": "감쇠가 왜 도움이 될까요? 기울기에 잡음이 있으면(미니배치는 정확한 기울기를 주지 않습니다) 고정된 "
        "η로는 자리를 잡을 수 없습니다. 스텝마다 ησ 정도 크기의 충격이 더해져, 최솟값 주위에서 η가 클수록 높아지는 "
        "잡음 바닥(noise floor) 높이에서 계속 흔들립니다. η를 줄이면 충격도 줄어 자리를 잡습니다. 잡음 바닥 절에서 "
        "기울기 잡음 σ를 넣은 조건수가 큰 이차 함수로 이를 보여 줍니다. 이 경우 잡음 바닥은 닫힌 식으로 구할 수 "
        "있습니다.",
    },
    "lesson.schedules.p5": {
        "en": "Libraries name the shapes by step instead of epoch: **step decay** halves η every T steps (γ = ½); "
        "**exponential decay** multiplies it by γ^(t/T), smoothly or, with a staircase, in whole periods; "
        "**inverse-time decay** divides it by 1 + γt/T; **cosine** follows half a cosine wave from η down to αη. "
        "They differ in shape, not in purpose.",
        "ko": "라이브러리는 이 모양들을 에포크 대신 스텝 기준으로 정의합니다. **계단식 감쇠**는 T 스텝마다 η를 "
        "절반으로(γ = ½) 줄이고, **지수 감쇠**는 γ^(t/T)를 곱해 매끄럽게, 또는 계단식(staircase)이면 주기 단위로 "
        "줄입니다. **역시간 감쇠**는 1 + γt/T로 나누고, **코사인**은 코사인 반 주기를 따라 η에서 αη까지 내려갑니다. "
        "모양은 달라도 목적은 같습니다.",
    },
    "lesson.schedules.p6": {
        "en": "**Warmup** goes the other way at the start: η rises linearly from 0 over the first W steps (Goyal et "
        "al., 2017), usually over about 5 epochs. At the start the parameters are far from good values, where the "
        "loss can be much steeper than near a minimum; a rate that is fine later can blow the run up there. Small "
        "first steps carry it into calmer ground before the full rate arrives. In this code the ramp is η·t/W from "
        "t = 0, so the very first step uses η = 0 and leaves θ where it is.",
        "ko": "**워밍업**은 학습 초반에 반대로 움직입니다. 처음 W 스텝 동안 η를 0에서 선형으로 키우며(Goyal 등, "
        "2017), 보통 5에포크 정도 적용합니다. 학습 초반의 매개변수는 좋은 값과 거리가 멀고, 그곳의 손실은 최솟값 "
        "근처보다 훨씬 가파를 수 있습니다. 나중에는 괜찮을 학습률이 거기서는 학습을 발산시킬 수 있습니다. 작은 첫 "
        "스텝들이 완만한 곳까지 옮겨 준 다음에야 원래 학습률을 씁니다. 이 코드의 워밍업은 t = 0부터 η·t/W이므로, 맨 "
        "첫 스텝은 η = 0을 써서 θ를 움직이지 않습니다.",
    },
    "lesson.schedules.try": {
        "en": "In the noise-floor section, compare the constant rate with a cosine decay to zero: the constant run "
        "keeps rattling at its noise floor, while the cosine run settles as η(t) goes to 0.",
        "ko": "잡음 바닥 절에서 고정 학습률과 0까지 내려가는 코사인 감쇠를 비교해 보세요. 고정 학습률은 잡음 바닥에서 "
        "계속 흔들리고, 코사인은 η(t)가 0으로 가면서 자리를 잡습니다.",
    },
    "lesson.schedules.try.button": {"en": "Cosine to zero", "ko": "0까지 코사인 감쇠"},
    # the main figure: the course's per-epoch decays
    "lesson.schedules.formula": {"en": "Decay (per epoch n = 1, 2, …)", "ko": "감쇠 방식 (에포크 n = 1, 2, …)"},
    "lesson.schedules.formula.step": {"en": "step decay: η halves every K epochs", "ko": "계단식 감쇠: K 에포크마다 η를 절반으로"},
    "lesson.schedules.formula.epoch_inverse": {"en": "η₀ / (1 + d·n)", "ko": "η₀ / (1 + d·n)"},
    "lesson.schedules.formula.epoch_exponential": {"en": "γⁿ · η₀ (γ = 0.95 in the course)", "ko": "γⁿ · η₀ (강의에서는 γ = 0.95)"},
    "lesson.schedules.formula.epoch_inverse_sqrt": {"en": "k/√n · η₀", "ko": "k/√n · η₀"},
    "lesson.schedules.formula.manual": {"en": "manual decay: η ÷ 10 by hand", "ko": "수동 감쇠: 직접 η를 10분의 1로"},
    "lesson.schedules.eta0": {"en": "Initial learning rate η₀", "ko": "초기 학습률 η₀"},
    "lesson.schedules.knob.every": {"en": "K: epochs between halvings", "ko": "K: η를 절반으로 줄이는 에포크 간격"},
    "lesson.schedules.knob.decay_rate": {"en": "Decay rate d", "ko": "감쇠율 d"},
    "lesson.schedules.knob.base": {"en": "γ, the factor per epoch", "ko": "γ: 에포크마다 곱하는 값"},
    "lesson.schedules.knob.k": {"en": "k", "ko": "k"},
    "lesson.schedules.knob.drop_epoch": {"en": "First epoch at η₀/10", "ko": "η₀/10으로 학습하는 첫 에포크"},
    "lesson.schedules.epochs.caption": {
        "en": "{rule} with mini-batches of B = {batch} out of N = {samples} points ({per_epoch} steps per epoch), "
        "{epochs} epochs, the same mini-batches for both runs. Mean f − f* over the last 3 epochs: constant η "
        "{constant}; {formula} {decayed}.",
        "ko": "{rule}: N = {samples}개의 점에서 B = {batch}개씩 뽑은 미니배치(에포크당 {per_epoch}스텝), "
        "{epochs}에포크, 두 실행 모두 같은 미니배치. 마지막 3에포크의 f − f* 평균: 고정 η {constant}, {formula} "
        "{decayed}.",
    },
    # the exercise: decay where the loss flattens
    "lesson.schedules.exercise": {"en": "Train without decay first, then decay where the loss flattens",
                                  "ko": "먼저 감쇠 없이 학습하고, 손실이 평평해지는 곳에서 감쇠하기"},
    "lesson.schedules.exercise.text": {
        "en": "First, as CS231n advises, no decay: SGD with the constant η₀ chosen above, and its loss curve. The "
        "dashed line marks where the curve flattens: the first epoch whose mean loss is not 10% below the mean "
        "three epochs earlier. Then put a decay there, with the button.",
        "ko": "먼저 CS231n의 조언대로 감쇠 없이 학습합니다. 위에서 고른 고정 η₀로 실행한 SGD와 그 손실 곡선입니다. "
        "파선은 곡선이 평평해지는 곳, 곧 평균 손실이 세 에포크 전의 평균보다 10% 이상 낮아지지 않은 첫 에포크입니다. "
        "그다음 버튼으로 거기에 감쇠를 넣습니다.",
    },
    "lesson.schedules.exercise.found": {
        "en": "The loss flattens at **epoch {epoch}**: its mean f − f* is less than {tol}% below the mean {window} "
        "epochs earlier. Further epochs at this η only rattle at the same height.",
        "ko": "손실은 **{epoch}번째 에포크**에서 평평해집니다. 그 에포크의 f − f* 평균이 {window}에포크 전의 "
        "평균보다 낮아진 폭이 {tol}%에 못 미칩니다. 이 η로 에포크를 더 진행해도 같은 높이에서 흔들릴 뿐입니다.",
    },
    "lesson.schedules.exercise.none": {
        "en": "Within {epochs} epochs the loss never flattens by that reading: at this η₀ it is still falling, and "
        "there is no place for a decay yet.",
        "ko": "{epochs}에포크 안에서는 이 기준으로 손실이 평평해지지 않습니다. 이 η₀에서는 손실이 아직 줄고 있으니, "
        "감쇠를 넣을 곳이 아직 없습니다.",
    },
    "lesson.schedules.exercise.marker": {"en": "flattens: epoch {epoch}", "ko": "평평해짐: 에포크 {epoch}"},
    "lesson.schedules.exercise.button": {"en": "Add a decay there: η ÷ 10 from epoch {epoch}",
                                         "ko": "거기에 감쇠 넣기: 에포크 {epoch}부터 η ÷ 10"},
    "lesson.schedules.exercise.result": {
        "en": "With the drop, the mean f − f* over the last 3 epochs is {dropped}, against {constant} without it: "
        "{ratio}× lower.",
        "ko": "η를 낮추면 마지막 3에포크의 f − f* 평균은 {dropped}이고, 낮추지 않으면 {constant}입니다. {ratio}배 낮습니다.",
    },
    "lesson.schedules.run.dropped": {"en": "η ÷ 10 from epoch {epoch}", "ko": "에포크 {epoch}부터 η ÷ 10"},
    # the noise floor, and the library's shapes
    "lesson.schedules.floor.h": {"en": "Why decay helps: the noise floor", "ko": "감쇠가 돕는 이유: 잡음 바닥"},
    "lesson.schedules.schedule": {"en": "Schedule (by step, as libraries name them)", "ko": "스케줄 (라이브러리처럼 스텝 기준)"},
    "lesson.schedules.lr": {"en": "Initial learning rate η", "ko": "초기 학습률 η"},
    "lesson.schedules.noise": {"en": "Gradient noise σ", "ko": "기울기 잡음 σ"},
    "lesson.schedules.run.constant": {"en": "{rule}, constant η = {eta}", "ko": "{rule}, 고정 η = {eta}"},
    "lesson.schedules.run.scheduled": {"en": "{schedule}, η₀ = {eta}", "ko": "{schedule}, η₀ = {eta}"},
    "lesson.schedules.floor": {
        "en": "Average f − f* over the last {last} steps: constant rate **{constant}**, {schedule} **{scheduled}**. "
        "For a constant η the theory's noise floor is Σ_λ ησ² / (2(2 − ηλ)) = **{floor}**, with λ = {lams} the "
        "eigenvalues of the surface's Hessian.",
        "ko": "마지막 {last}스텝의 f − f* 평균: 고정 학습률 **{constant}**, {schedule} **{scheduled}**. 고정 η에 "
        "대한 이론적 잡음 바닥은 Σ_λ ησ² / (2(2 − ηλ)) = **{floor}**입니다(λ = {lams}: 지형의 헤세 행렬의 고윳값).",
    },
    "lesson.schedules.floor.none": {
        "en": "With σ = 0 the gradient is exact, the runs are GD: there is no noise floor, and a constant rate below "
        "2/L converges on its own.",
        "ko": "σ = 0이면 기울기가 정확하므로 두 실행은 GD입니다. 잡음 바닥이 없고, 2/L보다 작은 고정 학습률은 그대로 "
        "수렴합니다.",
    },
    # warmup
    "lesson.schedules.rescue": {"en": "Warmup rescues a run that diverges", "ko": "발산하는 학습을 구하는 워밍업"},
    "lesson.schedules.rescue.help": {
        "en": "{rule} with a constant η = {eta} on the tilted double well, started at its suggested point, once "
        "without warmup and once with W steps of warmup. The notes warm up for about {epochs} epochs; this run "
        "takes the exact gradient of the whole surface at every step, so one step plays the part of one epoch, "
        "and W = {epochs} is that advice.",
        "ko": "기울어진 이중 우물 지형의 추천 출발점에서 {rule}을 실행했습니다(고정 학습률 η = {eta}). 한 번은 "
        "워밍업 없이, 한 번은 W 스텝의 워밍업을 두고 실행했습니다. 강의 노트는 보통 {epochs}에포크 정도 "
        "워밍업합니다. 이 실행은 스텝마다 지형 전체의 정확한 기울기를 쓰므로 한 스텝이 한 에포크에 해당하고, 그 "
        "조언대로라면 W = {epochs}입니다.",
    },
    "lesson.schedules.warmup": {"en": "Warmup steps W", "ko": "워밍업 스텝 수 W"},
    "lesson.schedules.run.cold": {"en": "no warmup", "ko": "워밍업 없음"},
    "lesson.schedules.run.warm": {"en": "{w}-step warmup", "ko": "워밍업 {w}스텝"},
    "lesson.schedules.diverged": {"en": "**{label}**: :material/error: diverged at step {step}.", "ko": "**{label}**: :material/error: {step}번째 스텝에서 발산했습니다."},
    "lesson.schedules.settled": {
        "en": "**{label}**: no divergence; after {steps} steps it sits at ({x}, {y}), next to the minimum at ({mx}, {my}).",
        "ko": "**{label}**: 발산하지 않았습니다. {steps}스텝 뒤 ({x}, {y})에 있으며, 최솟값 ({mx}, {my}) 바로 옆입니다.",
    },
    "lesson.schedules.first": {
        "en": "What the warmup runs: the ramp is η·t/W counted from t = 0 (as optax.linear_schedule(0, η, W)), so "
        "the first step (t = 0) uses η = {lr0} and moves θ by {moved0}: it stays where it is. Step 1 uses "
        "η = {lr1} = η/W, and from step W = {w} on the full η = {eta}. Goyal et al.'s iη/m counts batches from i = 1, so "
        "its first step already uses η/m: the same ramp, one step earlier.",
        "ko": "워밍업이 실제로 하는 일: 학습률의 선형 증가는 t = 0부터 센 η·t/W입니다(optax.linear_schedule(0, η, "
        "W)와 같음). 그래서 첫 스텝(t = 0)의 학습률은 η = {lr0}이고, θ는 {moved0}만큼 움직입니다. 즉 제자리에 "
        "머뭅니다. 스텝 1은 η = {lr1} = η/W를, 스텝 W(= {w})부터는 원래의 η(= {eta})를 씁니다. Goyal 등의 iη/m은 "
        "배치를 i = 1부터 세므로 첫 스텝부터 η/m을 씁니다. 한 스텝 앞당겨진 같은 선형 증가입니다.",
    },
    "lesson.schedules.first.none": {"en": "No warmup (W = 0): the first step already uses the full η = {eta}.",
                                    "ko": "워밍업 없음(W = 0): 첫 스텝부터 원래의 η(= {eta})를 씁니다."},
    "lesson.schedules.why.start": {
        "en": "Why: at the start the Hessian's largest eigenvalue is L = {big_l}, so a step is stable only for "
        "η < 2/L = {limit}; η = {eta} is {ratio}× too large there.",
        "ko": "이유: 출발점에서 헤세 행렬의 가장 큰 고윳값이 L = {big_l}이므로 η < 2/L = {limit}이어야 안정적입니다. "
        "학습률 η(= {eta})는 그곳 한계의 {ratio}배입니다.",
    },
    "lesson.schedules.why.end": {
        "en": "At the minimum the warmed-up run reached, L = {big_l} and 2/L = {limit} > η: once there, the full rate "
        "is safe. The warmup crossed the steep start with small steps.",
        "ko": "워밍업한 학습이 도달한 최솟값에서는 L = {big_l}, 2/L = {limit} > η입니다. 거기에 닿은 뒤에는 원래 "
        "학습률도 안전합니다. 워밍업이 가파른 출발 구간을 작은 스텝으로 건너게 해 준 것입니다.",
    },
    # formulas, axes, hovers
    "lesson.schedules.f.epoch": {"en": "the epoch", "ko": "에포크"},
    "lesson.schedules.f.step": {"en": "step decay", "ko": "계단식 감쇠"},
    "lesson.schedules.f.manual": {"en": "manual decay", "ko": "수동 감쇠"},
    "lesson.schedules.f.warmup": {"en": "warmup", "ko": "워밍업"},
    "lesson.schedules.axis.step": {"en": "step t", "ko": "스텝 t"},
    "lesson.schedules.axis.epoch": {"en": "epoch (passes over the data)", "ko": "에포크 (데이터를 다 돈 횟수)"},
    "lesson.schedules.axis.lr": {"en": "learning rate η", "ko": "학습률 η"},
    "lesson.schedules.axis.loss": {"en": "f − f* (log)", "ko": "f − f* (로그)"},
    "lesson.schedules.annot.floor": {"en": "noise floor of constant η: {floor}", "ko": "고정 η의 잡음 바닥: {floor}"},
    "lesson.schedules.hover.mean": {"en": "running mean of {window} steps", "ko": "{window}스텝 이동 평균"},
    "lesson.schedules.hover.epoch": {"en": "epoch", "ko": "에포크"},
    "lesson.schedules.hover.epoch_mean": {"en": "mean over the epoch", "ko": "에포크 평균"},
    "lesson.schedules.effect.help": {
        "en": "Faint: the loss at every step; bold: its running mean over {window} steps. Dashed red: the noise floor "
        "that theory predicts for the constant rate.",
        "ko": "흐린 선은 스텝마다의 손실, 굵은 선은 {window}스텝 이동 평균입니다. 빨간 파선은 이론이 예측하는 고정 "
        "학습률의 잡음 바닥입니다.",
    },
    "lesson.schedules.hover.diverged": {"en": "diverged at step {step}", "ko": "{step}번째 스텝에서 발산"},
    # the course's per-epoch schedules in the Playground's menu (optimizers.schedules.NAMES)
    "choice.epoch_inverse": {"en": "1/(1 + γ·epoch)", "ko": "1/(1 + γ·에포크)"},
    "choice.epoch_exponential": {"en": "γ^epoch", "ko": "γ^에포크"},
    "choice.epoch_inverse_sqrt": {"en": "1/√epoch", "ko": "1/√에포크"},
    "choice.manual": {"en": "manual drop at step T", "ko": "스텝 T에서 직접 낮추기"},
}
