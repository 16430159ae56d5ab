"""Texts of lesson 10, a real network: the same optimizers training a small neural network, its loss drawn the way
research papers draw it. θ is the network's weights, all of them in one vector."""

TEXTS: dict[str, dict[str, str]] = {
    "nav.network": {"en": "10 · A real network", "ko": "10 · 실제 신경망"},
    "lesson.network.title": {"en": "A real network", "ko": "실제 신경망"},
    "lesson.network.claim": {
        "en": "The same optimizers train a real neural network here, with hundreds or thousands of weights instead of "
        "two; the picture of its loss is a two-dimensional slice, so it shows part of what happens, not all.",
        "ko": "여기서는 같은 옵티마이저들이 매개변수 두 개가 아니라 가중치가 수백, 수천 개인 실제 신경망을 학습시킵니다. "
        "손실 그림은 2차원 단면이라 일어나는 일의 일부만 보여 줍니다.",
    },
    "lesson.network.p1": {
        "en": "The network is a small multilayer perceptron: two inputs (a point's coordinates), one to three hidden "
        "layers of the chosen width, and one output, the logit of class 1. Its loss is the mean cross-entropy over the "
        "training points. The data are made in code from the seed: two spirals, two moons, two circles or XOR, half "
        "of the points for training and half for testing. Label noise flips that share of the labels.",
        "ko": "신경망은 작은 다층 퍼셉트론입니다. 입력은 두 개(점의 좌표), 은닉층은 정한 너비로 한 개에서 세 개, "
        "출력은 하나(클래스 1의 로짓)입니다. 손실은 학습 점들에 대한 교차 엔트로피의 평균입니다. 데이터는 시드로 "
        "코드에서 만듭니다. 두 나선, 두 반달, 두 원, XOR 중 하나이고, 점의 절반은 학습에, 절반은 테스트에 씁니다. "
        "레이블 잡음은 그 비율만큼 레이블을 뒤집습니다.",
    },
    "lesson.network.p2": {
        "en": "Every optimizer runs through the same engine as on the surfaces: the same update rules, schedules, "
        "clipping, weight decay and mini-batches (a fresh shuffle each epoch). All of them start from the same "
        "initial weights, so their differences come from the rules and their settings alone.",
        "ko": "모든 옵티마이저는 손실 지형에서와 같은 엔진으로 돌아갑니다. 갱신 규칙, 스케줄, 기울기 클리핑, 가중치 "
        "감소, 미니배치(에포크마다 새로 섞음)가 모두 같습니다. 모두 같은 초기 가중치에서 출발하므로, 차이는 오직 "
        "규칙과 그 설정에서 나옵니다.",
    },
    "lesson.network.p3": {
        "en": "The landscape picture follows Li et al. (2018): the plane through the first run's final weights θ* "
        "spanned by the two principal directions of all the runs' weights (measured from θ*). Each path is projected "
        "onto it, and the colours are the train loss L(θ* + a d₁ + b d₂) on the plane. The filter-normalised slice "
        "rescales a random direction neuron by neuron to the size of the weights, so that the ends of different runs "
        "can be compared for sharpness.",
        "ko": "손실 지형 그림은 Li 외(2018)의 방법을 따릅니다. 첫 번째 실행의 최종 가중치 θ*를 지나고, 모든 실행의 "
        "가중치(θ*에서 잰 것)의 두 주성분 방향이 펼치는 평면입니다. 각 경로는 이 평면에 투영하고, 색은 평면 위의 "
        "학습 손실 L(θ* + a d₁ + b d₂)입니다. 필터 정규화 단면은 무작위 방향을 뉴런마다 가중치의 크기에 맞춰 "
        "조정하므로, 여러 실행의 끝점을 날카로움으로 비교할 수 있습니다.",
    },
    "lesson.network.p4": {
        "en": "The curvature is measured, not drawn from the picture: the Hessian's smallest and largest eigenvalues "
        "of the full train loss, by Lanczos iterations on Hessian-vector products (the full matrix is never formed). "
        "A negative smallest eigenvalue means a direction in which the loss curves down, as at a saddle point.",
        "ko": "곡률은 그림에서 읽는 것이 아니라 측정합니다. 전체 학습 손실의 헤세 행렬의 가장 작은 고윳값과 가장 큰 "
        "고윳값을 헤세 행렬-벡터 곱에 대한 란초스(Lanczos) 반복으로 구합니다(행렬 전체는 만들지 않습니다). 가장 "
        "작은 고윳값이 음수이면 손실이 아래로 휘는 방향이 있다는 뜻으로, 안장점에서와 같습니다.",
    },
    # --- the scenes ------------------------------------------------------------------------------
    "lesson.network.scenes": {"en": "Teaching scenes (one click loads the data, network and optimizers)",
                              "ko": "수업 장면 (클릭 한 번으로 데이터, 신경망, 옵티마이저를 불러옴)"},
    "lesson.network.scene.optimizers": {"en": "Optimizers", "ko": "옵티마이저"},
    "lesson.network.scene.weight_decay": {"en": "Weight decay", "ko": "가중치 감소"},
    "lesson.network.scene.batch": {"en": "Batch size", "ko": "배치 크기"},
    "lesson.network.scene.warmup": {"en": "Warmup", "ko": "워밍업"},
    "lesson.network.scene.curvature": {"en": "Curvature", "ko": "곡률"},
    "lesson.network.look.optimizers": {
        "en": "Gradient descent, momentum and Adam, full-batch from the same start on the spirals: compare how fast "
        "each train loss falls and how each boundary follows the arms.",
        "ko": "같은 출발점에서 나선 데이터에 전체 배치로 경사하강법, 모멘텀, Adam을 돌립니다. 학습 손실이 얼마나 빨리 내려가는지, 결정 "
        "경계가 나선의 팔을 얼마나 따라가는지 비교해 보세요.",
    },
    "lesson.network.look.weight_decay": {
        "en": "A wide network on 30 noisy training points, without and with weight decay: watch each run's dashed "
        "test loss over the steps and the boundary around the mislabelled points.",
        "ko": "잡음 섞인 학습 점 30개에 넓은 신경망을 가중치 감소 없이, 그리고 가중치 감소와 함께 학습시킵니다. 각 "
        "실행의 테스트 손실(파선)이 스텝에 따라 어떻게 변하는지, 레이블이 틀린 점 주변의 결정 경계를 보세요.",
    },
    "lesson.network.look.batch": {
        "en": "SGD with 4 samples per step against the full batch: compare the loss along one random "
        "filter-normalised direction at each end (below) and the Hessian's largest eigenvalue there.",
        "ko": "스텝마다 샘플 4개를 쓰는 SGD와 전체 배치를 쓰는 경사하강법을 비교합니다. 각 끝점에서 무작위 필터 정규화 "
        "방향을 따라 잰 손실(아래)과 그곳의 헤세 행렬의 가장 큰 고윳값을 비교해 보세요.",
    },
    "lesson.network.look.warmup": {
        "en": "Adam at η = 0.3 in a ReLU network, without and with 200 warmup steps: compare the two train loss "
        "curves and boundaries.",
        "ko": "ReLU 신경망에서 η = 0.3인 Adam을 워밍업 없이, 그리고 워밍업 200스텝과 함께 돌립니다. 두 학습 손실 "
        "곡선과 결정 경계를 비교해 보세요.",
    },
    "lesson.network.look.curvature": {
        "en": "Gradient descent on the moons from a random start: follow the Hessian's smallest eigenvalue along the "
        "run (below).",
        "ko": "무작위 출발점에서 반달 데이터에 경사하강법을 돌립니다. 실행을 따라 헤세 행렬의 가장 작은 고윳값이 "
        "어떻게 변하는지(아래) 보세요.",
    },
    # --- the sidebar's controls --------------------------------------------------------------------
    "lesson.network.data": {"en": "The data and the network", "ko": "데이터와 신경망"},
    "lesson.network.dataset": {"en": "Data set", "ko": "데이터셋"},
    "lesson.network.dataset.spirals": {"en": "Two spirals", "ko": "두 나선"},
    "lesson.network.dataset.moons": {"en": "Two moons", "ko": "두 반달"},
    "lesson.network.dataset.circles": {"en": "Two circles", "ko": "두 원"},
    "lesson.network.dataset.xor": {"en": "XOR", "ko": "XOR"},
    "lesson.network.samples": {"en": "Points (half for training, half for testing)",
                               "ko": "점의 개수 (절반은 학습, 절반은 테스트)"},
    "lesson.network.noise": {"en": "Noise on the points", "ko": "점의 잡음"},
    "lesson.network.noise.help": {"en": "The standard deviation of the Gaussian noise added to every point's coordinates.",
                                  "ko": "각 점의 좌표에 더하는 가우스 잡음의 표준편차입니다."},
    "lesson.network.label_noise": {"en": "Label noise", "ko": "레이블 잡음"},
    "lesson.network.label_noise.help": {"en": "The share of points whose label is flipped to the other class.",
                                        "ko": "레이블을 다른 클래스로 뒤집는 점의 비율입니다."},
    "lesson.network.width": {"en": "Neurons per hidden layer", "ko": "은닉층의 뉴런 수"},
    "lesson.network.depth": {"en": "Hidden layers", "ko": "은닉층 수"},
    "lesson.network.activation": {"en": "Activation", "ko": "활성화 함수"},
    "lesson.network.params": {"en": "{n} weights and biases", "ko": "가중치와 편향 {n}개"},
    "lesson.network.optimizer": {"en": "Optimizer {i}", "ko": "옵티마이저 {i}"},
    "lesson.network.mark.warmup": {"en": "warmup", "ko": "워밍업"},
    "lesson.network.run_settings": {"en": "Batch, decay, warmup, schedule, clipping",
                                    "ko": "배치, 가중치 감소, 워밍업, 스케줄, 클리핑"},
    # --- computing ---------------------------------------------------------------------------------
    "lesson.network.training": {"en": "Training {n} networks…", "ko": "신경망 {n}개 학습 중…"},
    "lesson.network.queued": {"en": "Another student's networks are training on this server; yours start when they end…",
                              "ko": "이 서버에서 다른 학생의 신경망이 학습 중입니다. 끝나면 바로 시작합니다…"},
    "lesson.network.measuring": {"en": "Measuring the curvature…", "ko": "곡률을 측정하는 중…"},
    "lesson.network.error": {"en": "These settings cannot be trained: {message}",
                             "ko": "이 설정으로는 학습할 수 없습니다: {message}"},
    # --- the figures -------------------------------------------------------------------------------
    "lesson.network.boundary.title": {"en": "{label}<br>test accuracy {accuracy}", "ko": "{label}<br>테스트 정확도 {accuracy}"},
    "lesson.network.boundary.diverged": {"en": "{label}<br>diverged at step {step}", "ko": "{label}<br>{step}스텝에서 발산"},
    "lesson.network.fig.probability": {"en": "p(class 1)", "ko": "p(클래스 1)"},
    "lesson.network.fig.train": {"en": "training points", "ko": "학습 점"},
    "lesson.network.fig.test": {"en": "test points (hollow)", "ko": "테스트 점 (속이 빈 원)"},
    "lesson.network.fig.class0": {"en": "class 0", "ko": "클래스 0"},
    "lesson.network.fig.class1": {"en": "class 1", "ko": "클래스 1"},
    "lesson.network.boundary.caption": {
        "en": "Background: the trained network's probability of class 1 at every point of the plane of the inputs "
        "(orange: class 0, blue: class 1; the grey line is p = 0.5, the decision boundary). Filled dots are "
        "training points, hollow ones test points.",
        "ko": "배경은 입력 평면의 각 점에서 학습된 신경망이 주는 클래스 1의 확률입니다(주황: 클래스 0, 파랑: 클래스 1, "
        "회색 선은 p = 0.5인 결정 경계). 속이 찬 점은 학습 점, 속이 빈 원은 테스트 점입니다.",
    },
    "lesson.network.landscape": {"en": "Where each optimizer went: the loss landscape and the loss curves",
                                 "ko": "각 옵티마이저가 간 곳: 손실 지형과 손실 곡선"},
    "lesson.network.fig.pc1": {"en": "direction 1 ({share} of the movement)", "ko": "방향 1 (움직임의 {share})"},
    "lesson.network.fig.pc2": {"en": "direction 2 ({share} of the movement)", "ko": "방향 2 (움직임의 {share})"},
    "lesson.network.fig.loss": {"en": "train loss on the plane", "ko": "평면 위 학습 손실"},
    "lesson.network.fig.curve_loss": {"en": "cross-entropy (log)", "ko": "교차 엔트로피 (로그)"},
    "lesson.network.fig.train_curve": {"en": "train", "ko": "학습"},
    "lesson.network.fig.test_curve": {"en": "test", "ko": "테스트"},
    "lesson.network.fig.end": {"en": "end", "ko": "끝점"},
    "lesson.network.landscape.caption": {
        "en": "Left: the train loss on the plane (log-scaled colours), each path projected onto it (white circle: the "
        "shared start, squares: the ends). Right: each run's train loss (solid) and test loss (dashed). Play, or drag "
        "the step slider, to move a marker per run along its path and its curve together.",
        "ko": "왼쪽은 평면 위의 학습 손실(색은 로그 눈금)과 그 평면에 투영한 각 경로입니다(흰 원: 공통 출발점, 네모: "
        "끝점). 오른쪽은 각 실행의 학습 손실(실선)과 테스트 손실(파선)입니다. 재생하거나 스텝 슬라이더를 끌면 실행마다 "
        "표시가 경로와 곡선을 따라 함께 움직입니다.",
    },
    "lesson.network.honest": {
        "en": "What this picture cannot show: the network has {n} weights, and the plane keeps two directions. It holds "
        "{pc1} + {pc2} = {total} of the paths' movement (their squared distance from the first run's end); the other "
        "{rest} lies in directions the picture cannot show. The paths are projections: two paths that cross on the "
        "plane need not meet, and the colours are the loss on the plane, not under a path where it leaves the plane.",
        "ko": "이 그림이 보여 줄 수 없는 것: 신경망의 가중치는 {n}개인데 평면은 두 방향만 남깁니다. 이 평면은 경로들의 "
        "움직임(첫 번째 실행의 끝점에서 잰 거리의 제곱)의 {pc1} + {pc2} = {total}를 담고, 나머지 {rest}는 그림에 "
        "나타나지 않는 방향에 있습니다. 경로는 투영이므로 평면에서 교차하는 두 경로가 실제로 만나는 것은 아니며, 색은 "
        "평면 위의 손실이지 경로가 평면을 벗어난 곳의 손실이 아닙니다.",
    },
    # --- the results' table ---------------------------------------------------------------------
    "lesson.network.table.optimizer": {"en": "Optimizer", "ko": "옵티마이저"},
    "lesson.network.table.train": {"en": "Final train loss", "ko": "최종 학습 손실"},
    "lesson.network.table.test": {"en": "Final test loss", "ko": "최종 테스트 손실"},
    "lesson.network.table.best": {"en": "Lowest test loss (step)", "ko": "가장 낮은 테스트 손실 (스텝)"},
    "lesson.network.table.accuracy": {"en": "Test accuracy", "ko": "테스트 정확도"},
    "lesson.network.table.diverged": {"en": "Diverged", "ko": "발산"},
    "lesson.network.table.no": {"en": "no", "ko": "아니요"},
    "lesson.network.table.at": {"en": "at step {step}", "ko": "{step}스텝에서"},
    # --- curvature and sharpness ------------------------------------------------------------------
    "lesson.network.show_curvature": {"en": "Measure the Hessian along run 1", "ko": "실행 1을 따라 헤세 행렬 측정"},
    "lesson.network.show_sharpness": {"en": "Measure the sharpness of every end", "ko": "모든 끝점의 날카로움 측정"},
    "lesson.network.curvature": {"en": "Curvature along the run", "ko": "실행을 따라 본 곡률"},
    "lesson.network.fig.highest": {"en": "largest eigenvalue λ_max", "ko": "가장 큰 고윳값 λ_max"},
    "lesson.network.fig.lowest": {"en": "smallest eigenvalue λ_min", "ko": "가장 작은 고윳값 λ_min"},
    "lesson.network.fig.negative": {"en": "−λ_min where negative (log)", "ko": "음수일 때의 −λ_min (로그)"},
    "lesson.network.fig.eigenvalue": {"en": "Hessian eigenvalue", "ko": "헤세 행렬의 고윳값"},
    "lesson.network.curvature.caption": {
        "en": "Measured at {points} steps of {label} (Lanczos on the Hessian of the full train loss): λ_min is {lo0} at "
        "step 0 and {lo1} at step {end}; λ_max is {hi0} and {hi1}. λ_min is negative at {negative} of the {points} "
        "measured steps; at the end |λ_min| is {ratio} of λ_max.",
        "ko": "{label}의 {points}개 스텝에서 측정했습니다(전체 학습 손실의 헤세 행렬에 란초스 반복). λ_min은 0스텝에서 "
        "{lo0}, {end}스텝에서 {lo1}이고, λ_max는 {hi0}에서 {hi1}(으)로 바뀝니다. 측정한 {points}개 스텝 중 {negative}개에서 "
        "λ_min이 음수이고, 끝에서 |λ_min|은 λ_max의 {ratio}입니다.",
    },
    "lesson.network.sharpness": {"en": "Sharpness at each end", "ko": "각 끝점의 날카로움"},
    "lesson.network.fig.alpha": {"en": "α along one filter-normalised direction (0: the end)",
                                 "ko": "필터 정규화 방향을 따라 α (0: 끝점)"},
    "lesson.network.fig.slice_loss": {"en": "train loss", "ko": "학습 손실"},
    "lesson.network.sharpness.row": {"en": "{label}: λ_max = {hi}, λ_min = {lo}, train loss {at0} at α = 0 and {at1} on "
                                     "average at α = ±{span}",
                                     "ko": "{label}: λ_max = {hi}, λ_min = {lo}, 학습 손실은 α = 0에서 {at0}, "
                                     "α = ±{span}에서 평균 {at1}"},
    "lesson.network.sharpness.caption": {
        "en": "The same random direction (seed 0), rescaled filter by filter to each end's weights. By the Hessian's "
        "largest eigenvalue, the sharpest end here is {sharpest} and the flattest {flattest}.",
        "ko": "같은 무작위 방향(시드 0)을 각 끝점의 가중치에 맞춰 필터마다 조정했습니다. 헤세 행렬의 가장 큰 고윳값으로 "
        "보면 여기서 가장 날카로운 끝점은 {sharpest}, 가장 평탄한 끝점은 {flattest}입니다.",
    },
}
