"""Texts of lesson 2, batch, stochastic and mini-batch gradient descent."""

TEXTS: dict[str, dict[str, str]] = {
    "nav.batches": {"en": "2 · Batch, stochastic and mini-batch", "ko": "2 · 배치, 확률적, 미니배치 경사하강법"},
    "lesson.batches.title": {"en": "Batch, stochastic and mini-batch gradient descent", "ko": "배치, 확률적, 미니배치 경사하강법"},
    "lesson.batches.claim": {
        "en": "GD, SGD and mini-batch SGD are one update rule fed the gradient of N, 1 or B samples: a bigger batch is "
        "less noisy but costs more per step.",
        "ko": "GD, SGD, 미니배치 SGD는 같은 갱신 규칙에 각각 샘플 N개, 1개, B개의 기울기를 넣은 것입니다. 배치가 "
        "클수록 잡음은 적지만 스텝 하나의 비용이 큽니다.",
    },
    "lesson.batches.p1": {
        "en": "When the loss is a mean over N samples, f = (1/N) Σ ℓᵢ, the full gradient costs a pass over all the "
        "data. **Batch** gradient descent (GD) pays that every step: smooth, but every update is expensive. "
        "**Stochastic** gradient descent (SGD) uses one random sample per step: cheap, and very noisy. **Mini-batch** "
        "SGD averages the gradients of B samples, the middle way; it is what most papers mean by \"SGD\". On this "
        "page SGD is B = 1 and mini-batch SGD any B in between.",
        "ko": "손실이 N개 샘플의 평균 f = (1/N) Σ ℓᵢ이면, 전체 기울기를 구하려면 데이터 전체를 한 번 훑어야 합니다. "
        "**배치** 경사하강법(GD)은 스텝마다 이 비용을 치릅니다. 매끄럽지만 갱신 한 번이 비쌉니다. **확률적** "
        "경사하강법(SGD)은 스텝마다 무작위 샘플 하나만 씁니다. 싸지만 잡음이 아주 심합니다. **미니배치** SGD는 B개 "
        "샘플의 기울기를 평균 내는 중간 방식이며, 논문에서 말하는 \"SGD\"는 대부분 이것입니다. 이 페이지에서 SGD는 B "
        "= 1, 미니배치 SGD는 그 사이의 B를 뜻합니다.",
    },
    "lesson.batches.p2": {
        "en": "An **epoch** is one pass over the data: shuffle the N samples, cut them into consecutive batches of B, "
        "and make one **iteration** (one step, one update) per batch. 100 samples in batches of 20 make 5 iterations "
        "per epoch. When B does not divide N the last batch is short: 1050 samples in batches of 100 give 10 full "
        "batches and one of 50. **drop_last** throws those 50 away (a different 50 every epoch, since the order is "
        "reshuffled), so every update averages exactly B gradients: ⌊N/B⌋ iterations per epoch instead of ⌈N/B⌉.",
        "ko": "**에포크**는 데이터 전체를 한 번 훑는 것입니다. N개 샘플을 섞고, 앞에서부터 B개씩 잘라 배치마다 "
        "**스텝**(iteration), 곧 갱신을 한 번씩 합니다. 샘플 100개를 배치 크기 20으로 나누면 한 에포크는 "
        "5스텝입니다. N이 B로 나누어떨어지지 않으면 마지막 배치가 작아집니다. 1050개를 100개씩 나누면 꽉 찬 배치 "
        "10개와 50개짜리 배치 하나가 됩니다. **drop_last**는 이 50개를 버립니다(에포크마다 다시 섞으므로 매번 다른 "
        "50개). 그러면 모든 갱신이 정확히 B개 기울기의 평균이 되고, 에포크당 스텝 수는 ⌈N/B⌉ 대신 ⌊N/B⌋입니다.",
    },
    "lesson.batches.p3": {
        "en": "The surface here is a least-squares fit to synthetic data: N points with x drawn uniformly from 0 to 3 "
        "and y = 2x − 1 plus Gaussian noise, from a seeded generator, the loss drawn over the line's two parameters "
        "(w, b). Every run uses the same update rule and learning rate; only the samples each gradient is computed "
        "on differ.",
        "ko": "여기의 지형은 합성 데이터에 대한 최소제곱 적합입니다. x를 0에서 3 사이에서 균등하게 뽑고 y = 2x − 1에 "
        "가우스 잡음을 더한 N개의 점(시드를 고정한 난수 생성기로 만든 것)에 직선 y ≈ w·x + b를 맞추는 손실을, 직선의 "
        "두 매개변수 (w, b) 위에 그렸습니다. 모든 실행은 같은 갱신 규칙과 같은 학습률을 쓰고, 기울기를 계산하는 "
        "샘플만 다릅니다.",
    },
    "lesson.batches.p4": {
        "en": "Why a larger batch is smoother: the mini-batch gradient is the mean of B per-sample gradients, so its "
        "noise around the full gradient shrinks like 1/√B. Drawing without replacement from a finite N shrinks it a "
        "little more, by √((N−B)/(N−1)), down to zero at B = N. The figure \"The noise of the mini-batch gradient\" "
        "measures it: the engine runs with η = 0, so the point stays at the start, and the spread of its mini-batch "
        "gradients is set against both formulas.",
        "ko": "배치가 클수록 매끄러운 이유: 미니배치 기울기는 샘플별 기울기 B개의 평균이므로, 전체 기울기 주위의 "
        "잡음이 1/√B처럼 줄어듭니다. 유한한 N개에서 중복 없이 뽑으면 √((N−B)/(N−1))만큼 조금 더 줄어 B = N에서는 0이 "
        "됩니다. 아래 \"미니배치 기울기의 잡음\" 그림이 이를 직접 측정합니다. 엔진을 η = 0으로 실행해 점을 출발점에 "
        "묶어 두고, 그곳에서 뽑은 미니배치 기울기들의 퍼짐을 두 공식과 비교합니다.",
    },
    "lesson.batches.try": {
        "en": "The notes' example: 1050 samples in mini-batches of 100, dropping the last 50. The strip shows 10 full "
        "batches and a grey tail; turn drop_last off and an 11th batch of 50 appears.",
        "ko": "강의 노트의 예: 샘플 1050개를 100개씩 미니배치로 나누고 마지막 50개는 버립니다. 띠 그림에 꽉 찬 배치 "
        "10개와 회색 꼬리가 보입니다. drop_last를 끄면 50개짜리 11번째 배치가 나타납니다.",
    },
    "lesson.batches.try.button": {"en": "N = 1050, B = 100, drop_last", "ko": "N = 1050, B = 100, drop_last 켜기"},
    "lesson.batches.n": {"en": "Number of samples N", "ko": "샘플 수 N"},
    "lesson.batches.b": {"en": "Mini-batch size B", "ko": "미니배치 크기 B"},
    "lesson.batches.drop_last": {"en": "drop_last: skip the short last batch", "ko": "drop_last: 작은 마지막 배치 버리기"},
    "lesson.batches.epoch": {"en": "One epoch, cut into batches", "ko": "배치로 자른 한 에포크"},
    "lesson.batches.ipe": {"en": "Iterations per epoch", "ko": "에포크당 스텝 수"},
    "lesson.batches.ipe.help": {
        "en": "⌈N/B⌉ without drop_last, ⌊N/B⌋ with it; read from the engine's trajectory (iterations_per_epoch).",
        "ko": "drop_last를 끄면 ⌈N/B⌉, 켜면 ⌊N/B⌋입니다. 엔진이 돌려준 경로의 iterations_per_epoch 값입니다.",
    },
    "lesson.batches.last": {"en": "Last batch of an epoch", "ko": "에포크의 마지막 배치"},
    "lesson.batches.last.full": {"en": "full ({size})", "ko": "꽉 참 ({size}개)"},
    "lesson.batches.last.short": {"en": "short: {size}", "ko": "작음: {size}개"},
    "lesson.batches.last.dropped": {"en": "{size} dropped", "ko": "{size}개 버림"},
    "lesson.batches.epochs": {"en": "Epochs in {steps} iterations", "ko": "{steps}스텝 동안의 에포크 수"},
    "lesson.batches.full_batch": {
        "en": "B ≥ N: one batch is the whole data set, so this is batch gradient descent, {name}.",
        "ko": "B ≥ N: 배치 하나가 데이터 전체이므로 이것은 배치 경사하강법, 곧 {name}입니다.",
    },
    "lesson.batches.strip": {
        "en": "One epoch: the N samples in this epoch's shuffled order, cut into batches of B (alternating blues). "
        "Orange: a short last batch; grey: the samples drop_last leaves out of this epoch.",
        "ko": "한 에포크: 이번 에포크에서 섞인 순서대로 놓은 N개 샘플을 B개씩 자른 모습입니다(번갈아 칠한 파란색). "
        "주황색은 작은 마지막 배치, 회색은 drop_last로 이번 에포크에서 빠지는 샘플입니다.",
    },
    "lesson.batches.run.full": {"en": "{name}, B = N = {n}", "ko": "{name}, B = N = {n}"},
    "lesson.batches.run.sgd": {"en": "{name}, B = 1", "ko": "{name}, B = 1"},
    "lesson.batches.run.mini": {"en": "mini-batch {name}, B = {b}", "ko": "미니배치 {name}, B = {b}"},
    "lesson.batches.paths": {
        "en": "{steps} iterations each, learning rate η = {eta}. Counted in passes over the data, that is {full} epochs "
        "of {gd_name}, {mini} epochs at B = {b} and {sgd} of {sgd_name} (B = 1): {gd_name} made the fewest updates "
        "per epoch and the smoothest ones.",
        "ko": "모두 {steps}스텝, 학습률 η = {eta}입니다. 데이터를 훑은 횟수로 세면 {gd_name}: {full}에포크, 미니배치 "
        "B = {b}: {mini}에포크, {sgd_name} B = 1: {sgd}에포크입니다. 에포크당 갱신이 가장 적고 가장 매끄러운 것은 "
        "{gd_name}입니다.",
    },
    "lesson.batches.spread": {"en": "The noise of the mini-batch gradient", "ko": "미니배치 기울기의 잡음"},
    "lesson.batches.spread.help": {
        "en": "At the start point: {steps} mini-batch gradients for each B (drop_last on, so every batch has exactly B "
        "samples), their root-mean-square distance from the full gradient. σ is the spread of the N per-sample "
        "gradients there (by `jax.grad` of each sample's loss). {steps} draws leave a few percent of scatter in "
        "each measured point.",
        "ko": "출발점에서 B마다 미니배치 기울기를 {steps}개씩 뽑아(drop_last를 켜서 모든 배치가 정확히 B개), 전체 "
        "기울기로부터의 제곱평균제곱근 거리를 쟀습니다. σ는 그 점에서 N개 샘플별 기울기(각 샘플 손실의 `jax.grad`)가 "
        "퍼진 정도입니다. {steps}개만 뽑았으므로 측정점마다 몇 퍼센트의 흩어짐이 남습니다.",
    },
    "lesson.batches.spread.result": {
        "en": "At B = {b}: measured noise **{measured}**; the 1/√B law gives σ/√B = {law}, and with the "
        "finite-population factor √((N−B)/(N−1)) = {factor} it is **{finite}** (σ = {sigma}, N = {n}).",
        "ko": "B = {b}에서 잰 잡음은 **{measured}**입니다. 1/√B 법칙은 σ/√B = {law}이고, 여기에 유한 모집단 보정 "
        "√((N−B)/(N−1)) = {factor}까지 곱하면 **{finite}**입니다 (σ = {sigma}, N = {n}).",
    },
    "lesson.batches.spread.full": {
        "en": "At B = N nothing is left to sample: the mini-batch gradient is the full gradient, with noise 0.",
        "ko": "B = N이면 더 뽑을 것이 없습니다. 미니배치 기울기가 곧 전체 기울기이고 잡음은 0입니다.",
    },
    "lesson.batches.practice": {
        "en": "Choosing B: less noise against a dearer step",
        "ko": "B 고르기: 줄어드는 잡음과 비싸지는 스텝",
    },
    "lesson.batches.practice.help": {
        "en": "On the regression's largest data set (N = {n}): each power of two B is a point, its gradient noise "
        "measured at the start ({steps} draws, as above) against the cost of one step in a model, "
        "c(B) = t₀ + ⌈B/W⌉ passes of a vector unit W = {w} samples wide after a fixed overhead t₀ = {t0} passes "
        "(a model with illustrative constants, not a timing). Dashed: σ/√B · √((N−B)/(N−1)). Grey diamond: B = {odd} "
        "costs {odd_cost} passes, as much as B = {pow2}, for more noise.",
        "ko": "회귀 데이터 중 가장 큰 것(N = {n})에서 2의 거듭제곱인 B마다 점 하나를 찍었습니다. 세로는 출발점에서 "
        "잰 기울기 잡음({steps}개 추출, 위와 같은 방법), 가로는 모형으로 계산한 스텝 하나의 비용 c(B) = t₀ + "
        "⌈B/W⌉입니다. 고정 부담 t₀ = {t0}번에 더해, 한 번에 샘플 W = {w}개를 처리하는 벡터 연산을 ⌈B/W⌉번 돌린다고 "
        "봅니다(상수는 설명용이며 실제로 잰 시간이 아닙니다). 파선은 σ/√B · √((N−B)/(N−1))입니다. 회색 마름모: B = "
        "{odd}의 비용은 B = {pow2}일 때와 같은 {odd_cost}번이지만 잡음은 더 큽니다.",
    },
    "lesson.batches.practice.why": {
        "en": "The cost model, and why the notes pick 64–512",
        "ko": "비용 모형, 그리고 강의 노트가 64–512를 고르는 이유",
    },
    "lesson.batches.practice.p1": {
        "en": "Up to B = W = {w} a step costs the same: the vector unit runs a pass whether its {w} lanes are full or "
        "not, so B = 1 leaves all but one idle. Along that stretch the noise falls like 1/√B at no cost: the points "
        "drop straight down.",
        "ko": "B = W = {w}까지는 스텝 비용이 같습니다. 벡터 연산은 {w}개 자리가 다 차든 그렇지 않든 한 번을 돌기 "
        "때문에, B = 1이면 한 자리만 쓰고 나머지는 모두 놀게 됩니다. 이 구간에서는 잡음이 비용 없이 1/√B처럼 "
        "줄어듭니다. 점들이 곧장 아래로 떨어집니다.",
    },
    "lesson.batches.practice.p2": {
        "en": "Beyond that every doubling of B doubles the vector passes but cuts the noise only by √2. What still "
        "shrinks is the overhead's share: the cost per sample is (1/W)(1 + t₀W/B), twice its floor 1/W at "
        "B = t₀W = {knee} (t₀ is set so that this knee falls at the notes' {lo}: the model illustrates the notes' "
        "range, it does not derive it) and {ratio_hi} times it at B = {hi}. So from {lo} to {hi} a step is cheap per sample and far "
        "less noisy than at B = 1; past {hi} there is little left to save per sample, while each doubling halves the "
        "steps of an epoch. From B = W on, multiples of W fill every pass (the powers of two among them); B = 100 pays for 128.",
        "ko": "그 뒤로는 B를 두 배로 늘릴 때마다 벡터 연산 횟수가 두 배가 되지만 잡음은 √2배만 줄어듭니다. 여전히 "
        "줄어드는 것은 고정 부담의 몫입니다. 샘플 하나의 비용은 (1/W)(1 + t₀W/B)로, B = t₀W = {knee}에서 바닥값 "
        "1/W의 두 배(이 꺾이는 점이 노트의 {lo}에 오도록 t₀를 정했습니다. 모형은 노트의 범위를 보여 줄 뿐 유도하지는 "
        "않습니다), B = {hi}에서 {ratio_hi}배입니다. 그래서 {lo}부터 {hi}까지는 샘플당 비용이 싸고 B = 1보다 "
        "잡음이 훨씬 적습니다. B가 {hi}보다 크면 샘플당 아낄 것이 거의 없고, 두 배로 늘릴 때마다 에포크당 스텝 수만 "
        "절반이 됩니다. B가 W 이상이면 W의 배수(2의 거듭제곱도 여기에 듭니다)가 모든 연산을 꽉 채우고, B = 100은 128의 비용을 치릅니다.",
    },
    "lesson.batches.practice.p3": {
        "en": "Under about {below} samples the notes skip all this: a full pass is cheap anyway, so take the exact "
        "gradient, no noise and no B to choose. Above that, mini-batches of {lo}–{hi}, as large as the memory "
        "(RAM or GPU memory) allows.",
        "ko": "샘플이 약 {below}개보다 적으면 강의 노트는 이 고민을 건너뜁니다. 전체를 한 번 훑어도 어차피 싸므로, "
        "잡음도 없고 B를 고를 필요도 없는 정확한 기울기를 씁니다. 그보다 많으면 메모리(RAM이나 GPU 메모리)가 "
        "허락하는 한에서 {lo}–{hi} 크기의 미니배치를 씁니다.",
    },
    "lesson.batches.practice.full": {
        "en": "The data set above has N = {n} samples, under about {below}: the notes would train it with the full "
        "batch, {name}.",
        "ko": "위의 데이터는 N = {n}개로 약 {below}개보다 적습니다. 강의 노트라면 전체 배치로 학습합니다. 곧 {name}입니다.",
    },
    "lesson.batches.practice.mini": {
        "en": "The data set above has N = {n} samples, more than about {below}: the notes would use mini-batches of "
        "{lo}–{hi}.",
        "ko": "위의 데이터는 N = {n}개로 약 {below}개보다 많습니다. 강의 노트라면 {lo}–{hi} 크기의 미니배치를 씁니다.",
    },
    "lesson.batches.axis.iteration": {"en": "iteration (step)", "ko": "스텝"},
    "lesson.batches.axis.loss": {"en": "training loss f − f* (log)", "ko": "학습 손실 f − f* (로그)"},
    "lesson.batches.axis.position": {"en": "position in this epoch's shuffled order", "ko": "이번 에포크의 섞인 순서에서의 위치"},
    "lesson.batches.axis.b": {"en": "batch size B", "ko": "배치 크기 B"},
    "lesson.batches.axis.spread": {"en": "noise of the mini-batch gradient", "ko": "미니배치 기울기의 잡음"},
    "lesson.batches.axis.cost": {"en": "cost of one step c(B), in vector passes (model)", "ko": "스텝 하나의 비용 c(B), 벡터 연산 횟수 (모형)"},
    "lesson.batches.legend.measured": {"en": "measured ({steps} steps, η = 0)", "ko": "측정값 ({steps}스텝, η = 0)"},
    "lesson.batches.legend.noise": {"en": "measured noise ({steps} draws, η = 0)", "ko": "측정한 잡음 ({steps}개 추출, η = 0)"},
    "lesson.batches.legend.usual": {"en": "usual range B = {lo}–{hi}", "ko": "흔히 쓰는 범위 B = {lo}–{hi}"},
    "lesson.batches.legend.odd": {"en": "B = {b}: not a power of two", "ko": "B = {b}: 2의 거듭제곱이 아님"},
    "lesson.batches.legend.full": {"en": "B = N = {n}: no noise", "ko": "B = N = {n}: 잡음 없음"},
    "lesson.batches.hover.batch": {"en": "batch {k}: {size} samples", "ko": "{k}번째 배치: 샘플 {size}개"},
    "lesson.batches.hover.dropped": {"en": "dropped: {size} samples", "ko": "버림: 샘플 {size}개"},
    "lesson.batches.hover.diverged": {"en": "diverged at step {step}", "ko": "{step}번째 스텝에서 발산"},
}
