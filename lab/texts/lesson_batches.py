"""Texts of lesson 2, batch, stochastic and mini-batch gradient descent."""

TEXTS: dict[str, dict[str, str]] = {
    "nav.batches": {"en": "2 · Batch, stochastic and mini-batch", "ko": "2 · 배치, 확률적, 미니배치 경사하강법"},
    "lesson.batches.title": {"en": "Batch, stochastic and mini-batch gradient descent", "ko": "배치, 확률적, 미니배치 경사하강법"},
    "lesson.batches.p1": {
        "en": "When the loss is a mean over N samples, f = (1/N) Σ ℓᵢ, the full gradient costs a pass over all the "
        "data. **Batch** gradient descent pays that every step: smooth, but every update is expensive. **Stochastic** "
        "gradient descent uses one random sample per step: cheap, and very noisy. **Mini-batch** gradient descent "
        "averages the gradients of B samples, the middle way; it is what most papers mean by \"SGD\".",
        "ko": "손실이 N 개 샘플의 평균 f = (1/N) Σ ℓᵢ 이면, 전체 기울기를 구하는 데 데이터 전체를 한 번 훑어야 합니다. "
        "**배치** 경사하강법은 매 단계 이 비용을 치릅니다: 안정적이지만 갱신 한 번이 비쌉니다. **확률적** "
        "경사하강법(SGD)은 매 단계 무작위 샘플 하나만 씁니다: 싸지만 잡음이 아주 심합니다. **미니배치** "
        "경사하강법은 B 개 샘플의 기울기를 평균 내는 중간 방식이며, 논문에서 말하는 \"SGD\"는 대부분 이것입니다.",
    },
    "lesson.batches.p2": {
        "en": "An **epoch** is one pass over the data: shuffle the N samples, cut them into consecutive batches of B, "
        "and make one **iteration** (one update) per batch. 100 samples in batches of 20 make 5 iterations per epoch. "
        "When B does not divide N the last batch is short: 1050 samples in batches of 100 give 10 full batches and "
        "one of 50. **drop_last** throws those 50 away (a different 50 every epoch, since the order is reshuffled), "
        "so every update averages exactly B gradients: ⌊N/B⌋ iterations per epoch instead of ⌈N/B⌉.",
        "ko": "**에포크**는 데이터 전체를 한 번 훑는 것입니다: N 개 샘플을 섞고, 앞에서부터 B 개씩 잘라 배치마다 "
        "**반복(iteration)**, 곧 갱신을 한 번씩 합니다. 샘플 100개를 배치 20으로 나누면 한 에포크는 5번 반복입니다. "
        "B 가 N 을 나누어떨어지게 하지 않으면 마지막 배치가 작아집니다: 1050개를 100개씩 나누면 꽉 찬 배치 10개와 "
        "50개짜리 배치 하나가 됩니다. **drop_last** 는 이 50개를 버립니다(에포크마다 다시 섞으므로 매번 다른 50개). "
        "그러면 모든 갱신이 정확히 B 개의 기울기 평균이 되고, 에포크당 반복 수는 ⌈N/B⌉ 대신 ⌊N/B⌋ 입니다.",
    },
    "lesson.batches.p3": {
        "en": "The surface here is a real fit: linear regression y ≈ w·x + b on N data points, drawn over its two "
        "parameters (w, b). Every run below uses the same update rule and learning rate; only the samples each "
        "gradient is computed on differ.",
        "ko": "여기의 지형은 실제 데이터에 대한 선형 회귀 y ≈ w·x + b 의 손실을 두 매개변수 (w, b) 위에 그린 것입니다. "
        "아래의 모든 실행은 같은 갱신 규칙과 같은 학습률을 쓰고, 기울기를 계산하는 샘플만 다릅니다.",
    },
    "lesson.batches.p4": {
        "en": "Why a larger batch is smoother: the mini-batch gradient is the mean of B per-sample gradients, so its "
        "spread around the full gradient shrinks like 1/√B. Drawing without replacement from a finite N shrinks it a "
        "little more, by √((N−B)/(N−1)), down to zero at B = N. The last figure measures it: the engine runs with "
        "η = 0, so the point stays at the start, and the spread of its mini-batch gradients is set against both "
        "formulas.",
        "ko": "배치가 클수록 안정적인 이유: 미니배치 기울기는 샘플별 기울기 B 개의 평균이므로, 전체 기울기 주위로 "
        "퍼진 정도가 1/√B 처럼 줄어듭니다. 유한한 N 개에서 중복 없이 뽑으면 √((N−B)/(N−1)) 만큼 조금 더 줄어 "
        "B = N 에서는 0 이 됩니다. 마지막 그림은 이를 직접 잽니다: 엔진을 η = 0 으로 돌려 점을 출발점에 묶어 두고, "
        "그곳에서 뽑힌 미니배치 기울기들의 퍼짐을 두 공식과 비교합니다.",
    },
    "lesson.batches.try": {
        "en": "The notes' example: 1050 samples in mini-batches of 100, dropping the last 50. The strip shows 10 full "
        "batches and a grey tail; turn drop_last off and an 11th batch of 50 appears.",
        "ko": "강의 노트의 예: 샘플 1050개를 100개씩 미니배치로 나누고 마지막 50개는 버립니다. 띠 그림에 꽉 찬 배치 "
        "10개와 회색 꼬리가 보입니다. drop_last 를 끄면 50개짜리 11번째 배치가 나타납니다.",
    },
    "lesson.batches.try.button": {"en": "N = 1050, B = 100, drop_last", "ko": "N = 1050, B = 100, drop_last 켜기"},
    "lesson.batches.n": {"en": "Number of samples N", "ko": "샘플 수 N"},
    "lesson.batches.b": {"en": "Mini-batch size B", "ko": "미니배치 크기 B"},
    "lesson.batches.drop_last": {"en": "drop_last: skip the short last batch", "ko": "drop_last: 작은 마지막 배치 버리기"},
    "lesson.batches.ipe": {"en": "Iterations per epoch", "ko": "에포크당 반복 수"},
    "lesson.batches.ipe.help": {
        "en": "⌈N/B⌉ without drop_last, ⌊N/B⌋ with it; read from the engine's trajectory (iterations_per_epoch).",
        "ko": "drop_last 가 없으면 ⌈N/B⌉, 있으면 ⌊N/B⌋ 입니다. 엔진이 돌려준 경로의 iterations_per_epoch 값입니다.",
    },
    "lesson.batches.last": {"en": "Last batch of an epoch", "ko": "에포크의 마지막 배치"},
    "lesson.batches.last.full": {"en": "full ({size})", "ko": "꽉 참 ({size}개)"},
    "lesson.batches.last.short": {"en": "short: {size}", "ko": "작음: {size}개"},
    "lesson.batches.last.dropped": {"en": "{size} dropped", "ko": "{size}개 버림"},
    "lesson.batches.epochs": {"en": "Epochs in {steps} iterations", "ko": "{steps}번 반복의 에포크 수"},
    "lesson.batches.full_batch": {
        "en": "B ≥ N: one batch is the whole data set, so this is batch gradient descent.",
        "ko": "B ≥ N: 배치 하나가 데이터 전체이므로 이것은 배치 경사하강법입니다.",
    },
    "lesson.batches.strip": {
        "en": "One epoch: the N samples in this epoch's shuffled order, cut into batches of B (alternating blues). "
        "Orange: a short last batch; grey: the samples drop_last leaves out of this epoch.",
        "ko": "한 에포크: 이번 에포크에서 섞인 순서대로 놓은 N 개 샘플을 B 개씩 자른 모습입니다(번갈아 칠한 파란색). "
        "주황색은 작은 마지막 배치, 회색은 drop_last 로 이번 에포크에서 빠지는 샘플입니다.",
    },
    "lesson.batches.run.full": {"en": "batch GD (B = N = {n})", "ko": "배치 경사하강법 (B = N = {n})"},
    "lesson.batches.run.sgd": {"en": "stochastic GD (B = 1)", "ko": "확률적 경사하강법 (B = 1)"},
    "lesson.batches.run.mini": {"en": "mini-batch GD (B = {b})", "ko": "미니배치 경사하강법 (B = {b})"},
    "lesson.batches.paths": {
        "en": "{steps} iterations each, learning rate η = {eta}. Counted in passes over the data, that is {full} epochs "
        "of batch GD, {mini} epochs at B = {b} and {sgd} of SGD: batch GD made the fewest updates per epoch and the "
        "smoothest ones.",
        "ko": "모두 {steps}번 반복, 학습률 η = {eta} 입니다. 데이터를 훑은 횟수로 세면 배치 경사하강법은 {full} 에포크, "
        "B = {b} 일 때는 {mini} 에포크, SGD 는 {sgd} 에포크입니다. 배치 경사하강법은 에포크당 갱신이 가장 적고 가장 "
        "매끄럽습니다.",
    },
    "lesson.batches.spread": {"en": "The spread of the mini-batch gradient", "ko": "미니배치 기울기의 퍼짐"},
    "lesson.batches.spread.help": {
        "en": "At the start point: {steps} mini-batch gradients for each B (drop_last on, so every batch has exactly B "
        "samples), their root-mean-square distance from the full gradient. σ is the spread of the N per-sample "
        "gradients there (by `jax.grad` of each sample's loss). {steps} draws leave a few percent of scatter in "
        "each measured point.",
        "ko": "출발점에서 B 마다 미니배치 기울기를 {steps}개 뽑아(drop_last 를 켜서 모든 배치가 정확히 B 개), 전체 "
        "기울기로부터의 제곱평균제곱근 거리를 쟀습니다. σ 는 그 점에서 N 개 샘플별 기울기(각 샘플 손실의 "
        "`jax.grad`)가 퍼진 정도입니다. {steps}개만 뽑았으므로 측정점마다 몇 퍼센트의 오차는 남습니다.",
    },
    "lesson.batches.spread.result": {
        "en": "At B = {b}: measured spread **{measured}**; the 1/√B law gives σ/√B = {law}, and with the "
        "finite-population factor √((N−B)/(N−1)) = {factor} it is **{finite}** (σ = {sigma}, N = {n}).",
        "ko": "B = {b} 에서 잰 퍼짐은 **{measured}** 입니다. 1/√B 법칙은 σ/√B = {law} 이고, 여기에 유한 모집단 보정 "
        "√((N−B)/(N−1)) = {factor} 까지 곱하면 **{finite}** 입니다 (σ = {sigma}, N = {n}).",
    },
    "lesson.batches.spread.full": {
        "en": "At B = N nothing is left to sample: the mini-batch gradient is the full gradient, with spread 0.",
        "ko": "B = N 이면 더 뽑을 것이 없습니다: 미니배치 기울기가 곧 전체 기울기이고 퍼짐은 0 입니다.",
    },
    "lesson.batches.axis.iteration": {"en": "iteration", "ko": "반복"},
    "lesson.batches.axis.loss": {"en": "training loss f − f* (log)", "ko": "학습 손실 f − f* (로그)"},
    "lesson.batches.axis.position": {"en": "position in this epoch's shuffled order", "ko": "이번 에포크의 섞인 순서에서의 위치"},
    "lesson.batches.axis.b": {"en": "batch size B", "ko": "배치 크기 B"},
    "lesson.batches.axis.spread": {"en": "spread of the mini-batch gradient", "ko": "미니배치 기울기의 퍼짐"},
    "lesson.batches.legend.measured": {"en": "measured ({steps} steps, η = 0)", "ko": "측정값 ({steps}단계, η = 0)"},
    "lesson.batches.hover.batch": {"en": "batch {k}: {size} samples", "ko": "{k}번째 배치: 샘플 {size}개"},
    "lesson.batches.hover.dropped": {"en": "dropped: {size} samples", "ko": "버림: 샘플 {size}개"},
    "lesson.batches.hover.diverged": {"en": "diverged at step {step}", "ko": "{step}번째 단계에서 발산"},
}
