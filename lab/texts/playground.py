"""Texts of the app shell and the Playground: key -> {"en": ..., "ko": ...}."""

TEXTS: dict[str, dict[str, str]] = {
    # --- app and navigation ---------------------------------------------------------
    "app.title": {"en": "Loss Landscape Lab", "ko": "손실 지형 실험실"},
    "app.language": {"en": "Language", "ko": "언어"},
    "pg.show_3d": {"en": "Show the 3-D surface", "ko": "3차원 곡면 보기"},
    "app.projector": {"en": "Projector mode (large text and lines)", "ko": "프로젝터 모드 (큰 글씨와 굵은 선)"},
    "nav.playground": {"en": "Playground", "ko": "자유 실험"},
    # --- playground: header -------------------------------------------------------------
    "pg.title": {"en": "Optimizer playground", "ko": "옵티마이저 자유 실험"},
    "pg.intro": {
        "en": "Pick a loss surface, start several optimizers from the same point and watch them move. "
        "Press ▶ Play under the chart, drag the step slider, or click the contour to start somewhere else.",
        "ko": "손실 지형을 고르고, 여러 옵티마이저를 같은 점에서 출발시켜 움직임을 비교해 보세요. 그래프 아래의 ▶ "
        "재생을 누르거나 스텝 슬라이더를 끌어 보세요. 등고선을 클릭하면 그 점에서 출발합니다.",
    },
    "pg.presets": {"en": "Teaching scenes", "ko": "수업용 장면"},
    "pg.presets.help": {"en": "Load a whole scene in one click.", "ko": "클릭 한 번으로 장면 전체를 불러옵니다."},
    # --- playground: surface ---------------------------------------------------------------
    "pg.surface": {"en": "Loss surface", "ko": "손실 지형"},
    "pg.surface.expression": {"en": "Your own formula", "ko": "직접 입력한 수식"},
    "pg.formula": {"en": "f(x, y) =", "ko": "f(x, y) ="},
    "pg.formula.help": {
        "en": "Use x, y, numbers, + - * / **, parentheses, pi, e and sin cos tan exp log sqrt tanh abs.",
        "ko": "x, y, 숫자, + - * / **, 괄호, pi, e와 sin cos tan exp log sqrt tanh abs를 쓸 수 있습니다.",
    },
    "pg.formula.rejected": {"en": "This formula cannot be used: {reason}", "ko": "이 수식은 쓸 수 없습니다: {reason}"},
    "pg.start": {"en": "Start point", "ko": "출발점"},
    "pg.start.reset": {"en": "Use the suggested start", "ko": "추천 출발점 사용"},
    "pg.steps": {"en": "Steps", "ko": "스텝 수"},
    "pg.seed": {"en": "Random seed", "ko": "난수 시드"},
    # --- playground: contestants --------------------------------------------------------------
    "pg.optimizers": {"en": "Optimizers", "ko": "옵티마이저"},
    "pg.add": {"en": "Add an optimizer", "ko": "옵티마이저 추가"},
    "pg.remove": {"en": "Remove", "ko": "삭제"},
    "pg.rule": {"en": "Update rule", "ko": "갱신 규칙"},
    "pg.nesterov": {"en": "Nesterov look-ahead", "ko": "네스테로프 (미리 보기)"},
    "pg.decoupled": {"en": "Decoupled weight decay (AdamW)", "ko": "분리된 가중치 감소 (AdamW)"},
    "pg.more": {"en": "Schedule, clipping, decay, noise", "ko": "스케줄, 클리핑, 가중치 감소, 잡음"},
    "hp.learning_rate": {"en": "Learning rate η", "ko": "학습률 η"},
    "hp.momentum": {"en": "Momentum β", "ko": "모멘텀 β"},
    "hp.form": {"en": "Momentum form", "ko": "모멘텀 식의 형태"},
    "hp.b1": {"en": "β₁ (gradient average)", "ko": "β₁ (기울기 평균)"},
    "hp.b2": {"en": "β₂ (squared-gradient average)", "ko": "β₂ (기울기 제곱 평균)"},
    "hp.eps": {"en": "ε", "ko": "ε"},
    "hp.decay": {"en": "Decay ρ of the squared-gradient average", "ko": "기울기 제곱 평균의 감쇠율 ρ"},
    "hp.initial_accumulator_value": {"en": "Initial accumulator G₀", "ko": "누적값의 초기값 G₀"},
    "hp.initial_scale": {"en": "Initial average ν₀", "ko": "평균의 초기값 ν₀"},
    "hp.eps_in_sqrt": {"en": "ε inside the square root", "ko": "ε을 제곱근 안에"},
    "hp.bias_correction": {"en": "Bias correction", "ko": "편향 보정"},
    "hp.weight_decay": {"en": "Weight decay λ", "ko": "가중치 감소 λ"},
    "hp.schedule": {"en": "Learning-rate schedule", "ko": "학습률 스케줄"},
    "hp.transition_steps": {"en": "Steps per decay period T", "ko": "감쇠 주기 T (스텝 수)"},
    "hp.decay_rate": {"en": "Decay rate γ", "ko": "감쇠율 γ"},
    "hp.staircase": {"en": "Staircase", "ko": "계단식"},
    "hp.decay_steps": {"en": "Cosine length D", "ko": "코사인 길이 D"},
    "hp.alpha": {"en": "Final fraction α", "ko": "최종 비율 α"},
    "hp.warmup_steps": {"en": "Warmup steps", "ko": "워밍업 스텝 수"},
    "hp.clip": {"en": "Gradient clipping", "ko": "기울기 클리핑"},
    "hp.clip_threshold": {"en": "Clipping threshold", "ko": "클리핑 임계값"},
    "hp.noise": {"en": "Gradient noise σ", "ko": "기울기 잡음 σ"},
    "hp.batch_size": {"en": "Mini-batch size (0 = full batch)", "ko": "미니배치 크기 (0 = 전체 배치)"},
    "hp.drop_last": {"en": "Drop the last incomplete batch", "ko": "마지막 불완전 배치 버리기"},
    "choice.heavy_ball": {"en": "heavy ball: v = βv + g", "ko": "헤비볼: v = βv + g"},
    "choice.textbook": {"en": "textbook: V = αV − ηg", "ko": "교재: V = αV − ηg"},
    "choice.average": {"en": "average: v = βv + (1−β)g", "ko": "평균: v = βv + (1−β)g"},
    "choice.constant": {"en": "constant", "ko": "고정"},
    "choice.step": {"en": "step decay", "ko": "계단식 감쇠"},
    "choice.exponential": {"en": "exponential decay", "ko": "지수 감쇠"},
    "choice.inverse_time": {"en": "inverse-time decay", "ko": "역시간 감쇠"},
    "choice.cosine": {"en": "cosine", "ko": "코사인"},
    "choice.off": {"en": "off", "ko": "끔"},
    "choice.norm": {"en": "by norm", "ko": "노름 기준"},
    "choice.value": {"en": "by value", "ko": "값 기준"},
    # --- rules -------------------------------------------------------------------------------
    "rule.sgd": {"en": "GD / SGD", "ko": "GD / SGD (경사하강법)"},
    "rule.sgd.exact": {"en": "GD", "ko": "GD (경사하강법)"},
    "rule.sgd.stochastic": {"en": "SGD", "ko": "SGD (확률적 경사하강법)"},
    "rule.momentum": {"en": "Momentum", "ko": "모멘텀"},
    "rule.nesterov": {"en": "Nesterov", "ko": "네스테로프"},
    "rule.adagrad": {"en": "AdaGrad", "ko": "AdaGrad"},
    "rule.rmsprop": {"en": "RMSProp", "ko": "RMSProp"},
    "rule.adam": {"en": "Adam", "ko": "Adam"},
    "rule.adamw": {"en": "AdamW", "ko": "AdamW"},
    # --- results -----------------------------------------------------------------------------
    "pg.diverged": {
        "en": "{label} diverged at step {step}: the learning rate is too large for this surface. "
        "The path is drawn up to there.",
        "ko": "{label}이(가) {step}번째 스텝에서 발산했습니다. 이 지형에서는 학습률이 너무 큽니다. 경로는 발산 "
        "직전까지 그려집니다.",
    },
    "pg.failed": {"en": "{label} could not run: {reason}", "ko": "{label}을(를) 실행할 수 없습니다: {reason}"},
    "pg.summary": {"en": "Summary", "ko": "요약"},
    "pg.col.optimizer": {"en": "optimizer", "ko": "옵티마이저"},
    "pg.col.final_loss": {"en": "final loss", "ko": "최종 손실"},
    "pg.col.steps_to_tol": {"en": "steps to tolerance", "ko": "허용 오차까지의 스텝 수"},
    "pg.col.diverged_at": {"en": "diverged at step", "ko": "발산한 스텝"},
    "pg.tol.help": {
        "en": "Tolerance: the loss within 10⁻³ of the way from the start down to the minimum.",
        "ko": "허용 오차란 손실이 출발점에서 최솟값까지 내려가야 할 높이의 10⁻³ 이내로 들어온 것을 말합니다.",
    },
    "pg.inspect": {"en": "Inspect one step", "ko": "한 스텝 살펴보기"},
    "pg.inspect.step": {"en": "Step to inspect", "ko": "살펴볼 스텝"},
    "pg.inspect.help": {
        "en": "Arrows on the contour: solid for the negative gradient, dashed for the velocity. "
        "Below: the effective step size per coordinate of the adaptive rules.",
        "ko": "등고선 위의 화살표: 실선은 음의 기울기, 점선은 속도입니다. 아래 그래프는 적응적 방법의 좌표별 유효 "
        "학습률입니다.",
    },
    "pg.share": {"en": "Share this view", "ko": "이 화면 공유하기"},
    "pg.share.help": {
        "en": "The address bar holds the whole setting: copy it to share exactly this view.",
        "ko": "주소창에 모든 설정이 들어 있습니다. 주소를 복사해 이 화면을 그대로 공유하세요.",
    },
    "pg.export": {"en": "Export", "ko": "내보내기"},
    "pg.export.csv": {"en": "Trajectories (CSV)", "ko": "경로 (CSV)"},
    "pg.export.json": {"en": "Trajectories (JSON)", "ko": "경로 (JSON)"},
    "pg.export.html": {"en": "Animation (HTML, plays offline)", "ko": "애니메이션 (HTML, 오프라인 재생)"},
    "pg.export.png": {"en": "PNG: the PNG button under the chart (or the camera in its toolbar) saves the picture with its contour.",
                      "ko": "PNG: 그래프 아래의 PNG 버튼(또는 도구 모음의 카메라)을 누르면 등고선까지 담긴 그림을 저장합니다."},
    "pg.notice": {"en": "Some settings in the link were changed or ignored:", "ko": "링크의 일부 설정이 바뀌었거나 무시되었습니다:"},
    # --- presets -----------------------------------------------------------------------------
    "preset.zigzag": {"en": "GD's zigzag on an ill-conditioned valley", "ko": "조건수가 큰 골짜기에서 GD의 지그재그"},
    "preset.zigzag.lesson": {
        "en": "The gradient is perpendicular to the contour lines, not aimed at the minimum: GD bounces across "
        "the narrow valley while momentum averages the bounces away.",
        "ko": "기울기는 등고선에 수직이라 최솟값을 곧장 향하지 않습니다. GD는 좁은 골짜기를 가로질러 "
        "진동하고, 모멘텀은 그 진동을 평균 내어 줄입니다.",
    },
    "preset.rosenbrock": {"en": "Momentum vs Nesterov vs Adam on Rosenbrock", "ko": "로젠브록 함수에서 모멘텀 vs 네스테로프 vs Adam"},
    "preset.rosenbrock.lesson": {
        "en": "A long, curved valley: plain GD barely moves along the floor, momentum builds speed, and Nesterov "
        "corrects its overshoot a step sooner.",
        "ko": "길고 휘어진 골짜기입니다. 기본 GD는 골짜기 바닥을 따라 거의 움직이지 못하고, 모멘텀은 속도를 쌓으며, "
        "네스테로프는 지나쳐 나간 움직임을 한 스텝 더 일찍 바로잡습니다.",
    },
    "preset.saddle": {"en": "Escaping a saddle", "ko": "안장점 탈출"},
    "preset.saddle.lesson": {
        "en": "Near a saddle point the gradient is tiny, so plain gradient descent waits there; noise and momentum "
        "leave sooner.",
        "ko": "안장점 근처에서는 기울기가 아주 작아 기본 경사하강법은 그곳에 오래 머뭅니다. 잡음과 모멘텀은 더 빨리 빠져나옵니다.",
    },
    "preset.cliff": {"en": "Clipping at a cliff", "ko": "절벽에서의 기울기 클리핑"},
    "preset.cliff.lesson": {
        "en": "On the steep wall the gradient explodes and one GD step throws the point far away; clipping "
        "caps the step so it walks down instead.",
        "ko": "가파른 벽에서는 기울기가 폭발해 GD의 한 스텝에 점이 멀리 튕겨 나갑니다. 클리핑은 스텝 크기에 상한을 "
        "두어 튕겨 나가는 대신 차근차근 내려가게 합니다.",
    },
    "preset.too_large": {"en": "Too large a learning rate", "ko": "너무 큰 학습률"},
    "preset.too_large.lesson": {
        "en": "On this quadratic the steepest curvature is L = 1: gradient descent converges for η < 2/L = 2 and "
        "diverges above it.",
        "ko": "이 이차 함수의 가장 큰 곡률은 L = 1입니다. 경사하강법은 η < 2/L = 2이면 수렴하고, 그보다 크면 발산합니다.",
    },
    # --- surfaces ------------------------------------------------------------------------------
    "surface.quadratic": {"en": "Ill-conditioned quadratic", "ko": "조건수가 큰 이차 함수"},
    "surface.saddle": {"en": "Saddle point", "ko": "안장점"},
    "surface.rosenbrock": {"en": "Rosenbrock valley", "ko": "로젠브록 골짜기"},
    "surface.himmelblau": {"en": "Himmelblau: four minima", "ko": "히멜블라우: 최솟값 네 개"},
    "surface.double_well": {"en": "Local vs global minimum", "ko": "지역 최솟값 vs 전역 최솟값"},
    "surface.plateau": {"en": "Plateau", "ko": "평탄한 지대 (플래토)"},
    "surface.cliff": {"en": "Cliff (exploding gradient)", "ko": "절벽 (기울기 폭발)"},
    "surface.linear_regression": {"en": "Linear regression (synthetic data)", "ko": "선형 회귀 (합성 데이터)"},
}
