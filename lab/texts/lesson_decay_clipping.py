"""Texts of lesson 7, weight decay and gradient clipping: key -> {"en": ..., "ko": ...}."""

TEXTS: dict[str, dict[str, str]] = {
    "nav.decay_clipping": {"en": "7 · Weight decay and clipping", "ko": "7 · 가중치 감소와 기울기 클리핑"},
    "lesson.decay_clipping.title": {"en": "Weight decay and gradient clipping", "ko": "가중치 감소와 기울기 클리핑"},
    "lesson.decay_clipping.claim": {
        "en": "Weight decay pulls the weights towards 0, and under Adam only AdamW pulls every coordinate alike; "
        "clipping caps the step a cliff's huge gradient would take.",
        "ko": "가중치 감소는 가중치를 0 쪽으로 당기는데, Adam에서는 AdamW만 모든 좌표를 똑같이 당깁니다. 클리핑은 "
        "절벽의 거대한 기울기가 만들 스텝의 길이에 상한을 둡니다.",
    },
    "lesson.decay_clipping.p1": {
        "en": "**Weight decay** keeps weights from growing larger than they need to (the usual guard against "
        "overfitting): every step pulls each parameter a little towards zero. There are two ways to do it. "
        "**L2 regularisation** adds $\\lambda\\theta$ to the gradient, the gradient of $\\tfrac{\\lambda}{2}\\lVert\\theta\\rVert^2$. "
        "**Decoupled decay** subtracts $\\eta\\lambda\\theta$ from the parameters directly.",
        "ko": "**가중치 감소**는 가중치가 필요 이상으로 커지지 않게 막습니다(과적합을 막는 흔한 방법입니다). "
        "스텝마다 각 매개변수를 조금씩 0 쪽으로 당깁니다. 방법은 두 가지입니다. **L2 규제**는 기울기에 "
        "$\\tfrac{\\lambda}{2}\\lVert\\theta\\rVert^2$의 기울기인 $\\lambda\\theta$를 더합니다. **분리된 가중치 "
        "감소**는 매개변수에서 $\\eta\\lambda\\theta$를 직접 뺍니다.",
    },
    "lesson.decay_clipping.p2": {
        "en": "For plain gradient steps (GD or SGD) the two are the same thing. For Adam they are not (Loshchilov & "
        "Hutter 2019): with L2, the pull $\\lambda\\theta$ goes through Adam's division by $\\sqrt{\\hat v}$, so a "
        "coordinate with large gradients (a large $\\sqrt{\\hat v}$) is pulled less. AdamW adds the decay after the "
        "division, so every coordinate shrinks by the same factor $1-\\eta\\lambda$ per step.",
        "ko": "단순한 기울기 스텝(GD나 SGD)에서는 두 방법이 똑같습니다. Adam에서는 다릅니다(Loshchilov & Hutter "
        "2019). L2에서는 당기는 힘 $\\lambda\\theta$도 Adam의 $\\sqrt{\\hat v}$ 나눗셈을 거치므로, 기울기가 큰 "
        "좌표($\\sqrt{\\hat v}$가 큰 좌표)는 덜 당겨집니다. AdamW는 나눗셈 뒤에 가중치 감소를 더하므로, 모든 좌표가 "
        "스텝마다 똑같이 $1-\\eta\\lambda$배로 줄어듭니다.",
    },
    "lesson.decay_clipping.p3": {
        "en": "**Gradient clipping** guards against exploding gradients: where the loss has a cliff, the gradient is "
        "huge and a single step throws the parameters far away. When the gradient is larger than a threshold $c$, it "
        "is scaled back. By **norm**, the whole vector is shrunk to length $c$ and keeps its direction; by **value**, "
        "each coordinate is cut to $[-c, c]$ on its own. That cuts the large, dominant coordinate the most, so the "
        "step turns away from it, towards the diagonal: with $c = 1$ a wall gradient $(-25, 2.5)$ becomes $(-1, 1)$.",
        "ko": "**기울기 클리핑**은 기울기 폭발을 막습니다. 손실 함수에 절벽이 있으면 그곳의 기울기가 엄청나게 커서 "
        "한 스텝에 매개변수가 멀리 날아갑니다. 기울기가 임계값 $c$보다 크면 크기를 줄입니다. **노름 기준**은 벡터 "
        "전체를 길이 $c$로 줄이고 방향은 유지합니다. **값 기준**은 좌표마다 따로 $[-c, c]$ 범위로 자릅니다. 그러면 "
        "크고 지배적인 좌표가 가장 많이 잘리므로, 스텝은 그 좌표의 축에서 멀어져 대각선 쪽으로 틀어집니다. "
        "$c = 1$이면 벽의 기울기 $(-25, 2.5)$가 $(-1, 1)$이 됩니다.",
    },
    "lesson.decay_clipping.f.l2": {"en": "L2 (coupled)", "ko": "L2 규제 (결합)"},
    "lesson.decay_clipping.f.adamw": {"en": "AdamW (decoupled)", "ko": "AdamW (분리)"},
    "lesson.decay_clipping.f.norm": {"en": "clip by norm", "ko": "노름 기준 클리핑"},
    "lesson.decay_clipping.f.value": {"en": "clip by value", "ko": "값 기준 클리핑"},
    # weight decay
    "lesson.decay_clipping.decay.h": {"en": "Coupled L2 and decoupled decay under Adam",
                                      "ko": "Adam에서의 L2 규제와 분리된 가중치 감소"},
    "lesson.decay_clipping.decay.text": {
        "en": "The surface is ${formula}$: its minimum is away from the origin, and y is ten "
        "times steeper than x. Adam + L2 and AdamW start at the origin, where weights usually start, and run {steps} steps "
        "with η = {lr} and the same λ. The black line is "
        "where L2 should end, the minimum of $f + \\tfrac{{\\lambda}}{{2}}\\lVert\\theta\\rVert^2$ for λ from 0 to 1; the "
        "dotted lines are where each method did end over the same λs. AdamW's normalised gradient step is at most "
        "about η per coordinate whatever the slope, while its decay removes ηλθ: it cannot hold a coordinate much "
        "farther out than 1/λ.",
        "ko": "손실 함수는 ${formula}$입니다. 최솟값이 원점에서 떨어져 있고, y 방향이 x 방향보다 열 배 가파릅니다. "
        "Adam + L2와 AdamW는 가중치가 보통 시작하는 원점에서 출발해, 같은 λ를 쓰고 η = {lr}, {steps}스텝으로 "
        "실행합니다. 검은 선은 L2가 도착해야 할 곳, 곧 λ가 0에서 1까지일 때 "
        "$f + \\tfrac{{\\lambda}}{{2}}\\lVert\\theta\\rVert^2$의 최솟값입니다. 점선은 같은 λ들에서 각 방법이 실제로 "
        "도착한 곳입니다. AdamW의 정규화된 기울기 스텝은 경사와 상관없이 좌표마다 대략 η를 넘지 못하고, 가중치 "
        "감소는 ηλθ를 빼므로, 어떤 좌표도 1/λ보다 훨씬 바깥에 붙잡아 둘 수 없습니다.",
    },
    "lesson.decay_clipping.lam": {"en": "Weight decay λ", "ko": "가중치 감소 λ"},
    "lesson.decay_clipping.l2": {"en": "Adam + L2", "ko": "Adam + L2"},
    "lesson.decay_clipping.decoupled": {"en": "AdamW", "ko": "AdamW"},
    "lesson.decay_clipping.locus.l2": {"en": "Adam + L2, end for each λ", "ko": "Adam + L2, λ마다의 도착점"},
    "lesson.decay_clipping.locus.decoupled": {"en": "AdamW, end for each λ", "ko": "AdamW, λ마다의 도착점"},
    "lesson.decay_clipping.decay.theory": {"en": "minimum of f + λ/2‖θ‖²", "ko": "f + λ/2‖θ‖²의 최솟값"},
    "lesson.decay_clipping.decay.caption": {
        "en": "λ = {lam}. Adam + L2 ends at {l2} (the minimum of f + λ/2‖θ‖² is {theory}); AdamW ends at {w}. "
        "Pulled towards the origin, as a share of the minimum's coordinate: Adam + L2 x {l2x}, y {l2y}; "
        "AdamW x {wx}, y {wy}.",
        "ko": "λ = {lam}. Adam + L2의 도착점은 {l2}(f + λ/2‖θ‖²의 최솟값은 {theory}), AdamW의 도착점은 {w}입니다. "
        "원점 쪽으로 당겨진 정도(최솟값 좌표에 대한 비율): Adam + L2는 x {l2x}, y {l2y}, AdamW는 x {wx}, y {wy}.",
    },
    "lesson.decay_clipping.rate.h": {"en": "How much of θ the decay removes per step",
                                     "ko": "가중치 감소가 스텝마다 θ에서 덜어 내는 비율"},
    "lesson.decay_clipping.rate.step": {"en": "step", "ko": "스텝"},
    "lesson.decay_clipping.rate.rate": {"en": "λ·η/(√v̂ᵢ+ε) (L2), λ·η (AdamW)", "ko": "λ·η/(√v̂ᵢ+ε) (L2), λ·η (AdamW)"},
    "lesson.decay_clipping.rate.caption": {
        "en": "Over the first {steps} steps, L2's pull on x was on average {x} times weaker than AdamW's, and on the "
        "steep coordinate y {y} times weaker.",
        "ko": "처음 {steps}스텝 동안 L2가 x를 당기는 힘은 평균적으로 AdamW보다 {x}배 약했고, 가파른 좌표 y에서는 "
        "{y}배 약했습니다.",
    },
    # clipping
    "lesson.decay_clipping.clip.h": {"en": "Clipping on a cliff", "ko": "절벽에서의 기울기 클리핑"},
    "lesson.decay_clipping.clip.text": {
        "en": "{rule} walks down a gentle shelf until it reaches a steep wall (Pascanu et al. 2013). Without clipping, "
        "the step on the wall is η times the wall's huge gradient and throws the run far across the surface (off the "
        "plot and back). Clipped by norm, no step is longer than η·c and the direction is kept. Clipped by value, no "
        "step is longer than η·c·√2, and the direction turns away from the capped, dominant coordinate, towards the "
        "diagonal: the wall's large coordinate is cut to ±c while the small one is kept or cut less.",
        "ko": "{rule}이 완만한 턱을 따라 내려가다가 가파른 벽을 만납니다(Pascanu 등 2013). 클리핑이 없으면 벽에서의 "
        "스텝은 벽의 엄청난 기울기에 η를 곱한 크기라서, 실행이 지형 저 멀리(그림 밖까지) 날아갔다가 돌아옵니다. 노름 "
        "기준으로 자르면 어떤 스텝도 η·c보다 길지 않고 방향도 그대로입니다. 값 기준으로 자르면 스텝은 η·c·√2보다 "
        "길지 않지만, 방향이 잘린 지배적인 좌표의 축에서 멀어져 대각선 쪽으로 틀어집니다. 벽 방향의 큰 좌표는 ±c로 "
        "잘리고 작은 좌표는 그대로이거나 덜 잘리기 때문입니다.",
    },
    "lesson.decay_clipping.lr": {"en": "Learning rate η", "ko": "학습률 η"},
    "lesson.decay_clipping.c": {"en": "Clipping threshold c", "ko": "클리핑 임계값 c"},
    "lesson.decay_clipping.clip.none": {"en": "{rule}, no clipping", "ko": "{rule}, 클리핑 없음"},
    "lesson.decay_clipping.clip.norm": {"en": "clipped by norm, c = {c}", "ko": "노름 기준 클리핑, c = {c}"},
    "lesson.decay_clipping.clip.value": {"en": "clipped by value, c = {c}", "ko": "값 기준 클리핑, c = {c}"},
    "lesson.decay_clipping.compass.h": {"en": "The gradient at step {k}, on the wall, clipped both ways",
                                        "ko": "벽 위 {k}번째 스텝의 기울기를 두 방식으로 자르기"},
    "lesson.decay_clipping.compass.raw": {"en": "raw gradient (direction)", "ko": "원래 기울기 (방향)"},
    "lesson.decay_clipping.compass.circle": {"en": "‖g‖ = {c}", "ko": "‖g‖ = {c}"},
    "lesson.decay_clipping.compass.square": {"en": "|gᵢ| = {c}", "ko": "|gᵢ| = {c}"},
    "lesson.decay_clipping.compass.caption": {
        "en": "Step {k}: the raw gradient {raw} has length {n} and points {a_raw}° off the {axis} axis, the axis of "
        "its large coordinate. Clipped by norm: {norm}, the same direction ({a_norm}° off the axis). Clipped by "
        "value: {value}, {a_value}° off the axis (the diagonal is at 45°): turned by {turn}°, away from the capped "
        "coordinate.",
        "ko": "{k}번째 스텝: 원래 기울기 {raw}의 길이는 {n}이고, 큰 좌표의 축인 {axis}축에서 {a_raw}° 벗어나 "
        "있습니다. 노름 기준으로 자르면 {norm}이고 방향은 같습니다(축에서 {a_norm}°). 값 기준으로 자르면 {value}이고 "
        "축에서 {a_value}° 벗어납니다(대각선은 45°). 잘린 좌표의 축에서 멀어지는 쪽으로 {turn}° 틀어진 것입니다.",
    },
    "lesson.decay_clipping.table.run": {"en": "run", "ko": "실행"},
    "lesson.decay_clipping.table.largest": {"en": "largest step ‖Δθ‖", "ko": "가장 긴 스텝 ‖Δθ‖"},
    "lesson.decay_clipping.table.at": {"en": "at step", "ko": "스텝 번호"},
    "lesson.decay_clipping.table.bound": {"en": "bound", "ko": "상한"},
    # try this
    "lesson.decay_clipping.try": {
        "en": "Raise λ to 1. AdamW ends near (1/λ, 1/λ) = (1, 1): it pulls the steep coordinate y as far as x. "
        "Adam + L2 ends at the minimum of f + λ/2‖θ‖², where y has hardly moved from 1.5.",
        "ko": "λ를 1로 올려 보세요. AdamW는 (1/λ, 1/λ) = (1, 1) 근처에 도착합니다. 가파른 좌표 y도 x만큼 당기는 "
        "것입니다. Adam + L2는 f + λ/2‖θ‖²의 최솟값에 도착하는데, 그곳에서 y는 1.5에서 거의 움직이지 않았습니다.",
    },
    "lesson.decay_clipping.try.button": {"en": "λ = 1", "ko": "λ = 1"},
}
