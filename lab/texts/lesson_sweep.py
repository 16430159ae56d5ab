"""Texts of lesson 9: the sweep lab."""

TEXTS: dict[str, dict[str, str]] = {
    "nav.sweep": {"en": "9 · Sweep lab", "ko": "9 · 격자 탐색 실험실"},
    "lesson.sweep.title": {
        "en": "Sweep lab: two hyperparameters at once",
        "ko": "격자 탐색 실험실: 하이퍼파라미터 두 개를 한 번에",
    },
    "lesson.sweep.claim": {
        "en": "Hyperparameters interact: map the final loss over two of them at once, one complete run per cell.",
        "ko": "하이퍼파라미터는 서로 얽혀 있습니다. 두 개를 한꺼번에 바꿔 가며 칸마다 실행 하나를 끝까지 진행해 최종 "
        "손실을 지도로 그려 보세요.",
    },
    "lesson.sweep.p1": {
        "en": "A learning rate that works with one momentum can diverge with another: hyperparameters interact. The "
        "course notes describe the old way of choosing a learning rate, a grid search: try a grid of values and keep "
        "the one with the lowest error. This page runs that grid search for any two numeric hyperparameters of any "
        "update rule, on any surface.",
        "ko": "어떤 모멘텀에서 잘 되던 학습률이 다른 모멘텀에서는 발산할 수 있습니다. 하이퍼파라미터들은 서로 얽혀 "
        "있습니다. 강의 노트는 예전에 학습률을 고르던 방법으로 격자 탐색(grid search)을 설명합니다. 값들의 격자를 "
        "모두 시도해 보고 오차가 가장 작은 값을 고르는 것입니다. 이 페이지는 어떤 지형에서든, 어떤 갱신 규칙이든, "
        "숫자 하이퍼파라미터 두 개에 대해 그 격자 탐색을 실행합니다.",
    },
    "lesson.sweep.p2": {
        "en": "Every cell is one complete run from the surface's suggested start. Its colour is the final loss (on a "
        "log scale, as the gap f − f* to the minimum) or the number of steps until the loss first comes within a "
        "tolerance of the minimum. Red cells diverged; grey cells never reached the tolerance.",
        "ko": "칸 하나하나가 지형의 추천 출발점에서 시작한 완전한 실행 하나입니다. 색은 최종 손실(최솟값과의 차이 f "
        "− f*를 로그 눈금으로)이거나, 손실이 처음으로 최솟값의 허용 오차 안에 들어온 스텝 수입니다. 빨간 칸은 "
        "발산했고, 회색 칸은 허용 오차에 끝내 도달하지 못했습니다.",
    },
    "lesson.sweep.p3": {
        "en": "The whole grid is one vectorised call of the engine, `optimizers.sweep`: every cell runs the same "
        "compiled program with different numbers, so even 128 × 128 runs take a moment. Click a cell to read its "
        "numbers and to open exactly that run in the Playground, where you can watch it move.",
        "ko": "격자 전체를 엔진의 벡터화된 호출 한 번(`optimizers.sweep`)으로 계산합니다. 모든 칸이 같은 컴파일된 "
        "프로그램을 숫자만 바꿔 실행하므로 128 × 128개의 실행도 잠깐이면 끝납니다. 칸을 클릭하면 그 칸의 숫자를 읽을 "
        "수 있고, 바로 그 실행을 자유 실험 페이지에서 열어 움직이는 모습을 볼 수 있습니다.",
    },
    "lesson.sweep.p4": {
        "en": "Learning rates and ε range over orders of magnitude, so their axes are logarithmic. The notes "
        "(CS231n) advise choosing the learning rate first and adding decay and other refinements later; on the map "
        "you can see how much every other setting depends on the learning rate it is paired with.",
        "ko": "학습률과 ε은 여러 자릿수에 걸쳐 움직이므로 그 축은 로그 눈금입니다. 강의 노트(CS231n)는 학습률을 먼저 "
        "고르고 감쇠 같은 다른 설정은 나중에 더하라고 권합니다. 지도에서 다른 설정들이 짝지어진 학습률에 얼마나 "
        "좌우되는지 볼 수 있습니다.",
    },
    "lesson.sweep.try": {
        "en": "Sweep heavy-ball momentum on a long valley (κ = 100): learning rate from 0.1 to 10 against β from 0 to "
        "0.99. The lowest final loss sits next to Polyak's optimum, computed from the surface's Hessian.",
        "ko": "긴 골짜기(κ = 100)에서 헤비볼 모멘텀으로 격자 탐색을 해 보세요. 학습률은 0.1부터 10까지, β는 0부터 "
        "0.99까지입니다. 최종 손실이 가장 낮은 칸은 지형의 헤세 행렬로 계산한 폴랴크(Polyak)의 최적점 바로 옆에 "
        "있습니다.",
    },
    "lesson.sweep.try.button": {"en": "Find Polyak's optimum", "ko": "폴랴크의 최적점 찾기"},
    # controls
    "lesson.sweep.rule": {"en": "Update rule", "ko": "갱신 규칙"},
    "lesson.sweep.surface": {"en": "Surface", "ko": "지형"},
    "lesson.sweep.settings": {"en": "Ranges, steps and fixed settings", "ko": "범위, 스텝 수, 고정 설정"},
    "lesson.sweep.steps": {"en": "Steps per run", "ko": "실행당 스텝 수"},
    "lesson.sweep.n": {"en": "Cells per side", "ko": "한 변의 칸 수"},
    "lesson.sweep.axis_x": {"en": "Across (x axis)", "ko": "가로 (x축)"},
    "lesson.sweep.axis_y": {"en": "Up (y axis)", "ko": "세로 (y축)"},
    "lesson.sweep.low": {"en": "from", "ko": "부터"},
    "lesson.sweep.high": {"en": "to", "ko": "까지"},
    "lesson.sweep.log": {"en": "log scale", "ko": "로그 눈금"},
    "lesson.sweep.metric": {"en": "Colour shows", "ko": "색이 나타내는 것"},
    "lesson.sweep.metric.final_loss": {"en": "final loss", "ko": "최종 손실"},
    "lesson.sweep.metric.steps_to_tol": {"en": "steps to tolerance", "ko": "허용 오차까지의 스텝 수"},
    "lesson.sweep.fixed": {"en": "Fixed settings (everything not swept)", "ko": "고정 설정 (탐색하지 않는 모든 것)"},
    "lesson.sweep.axis.clip_norm": {"en": "Clipping threshold (global norm)", "ko": "클리핑 임계값 (전체 노름)"},
    "lesson.sweep.axis.surface": {"en": "{name} (surface)", "ko": "{name} (지형)"},
    "lesson.sweep.queued": {"en": "Another student's sweep is running on this server; yours starts when it ends…",
                             "ko": "이 서버에서 다른 학생의 스윕이 계산 중입니다. 그것이 끝나면 바로 시작합니다…"},
    "lesson.sweep.reduced": {
        "en": "On this surface every cell passes over all {samples} samples at every step: {asked} × {asked} cells of "
        "{steps} steps would keep the server busy for seconds, so the map has {n} × {n} cells. Fewer steps allow more.",
        "ko": "이 곡면에서는 칸마다 스텝마다 샘플 {samples}개를 모두 훑습니다. {steps}스텝짜리 {asked} × {asked}칸은 "
        "서버를 몇 초 동안 붙잡아 두므로 지도를 {n} × {n}칸으로 그립니다. 스텝 수를 줄이면 칸을 더 늘릴 수 있습니다.",
    },
    "lesson.sweep.running": {"en": "Running {cells} runs of {steps} steps…", "ko": "{steps}스텝짜리 실행 {cells}개를 계산하는 중…"},
    # messages
    "lesson.sweep.err.same": {
        "en": "Choose two different hyperparameters for the two axes.",
        "ko": "두 축에 서로 다른 하이퍼파라미터를 고르세요.",
    },
    "lesson.sweep.err.order": {
        "en": "{axis}: the range must go from a smaller to a larger value (now {low} to {high}).",
        "ko": "{axis}: 범위는 작은 값에서 큰 값으로 가야 합니다 (지금은 {low}부터 {high}까지).",
    },
    "lesson.sweep.err.log": {
        "en": "{axis}: a log scale needs a positive lower end (now {low}). Raise it, or turn the log scale off.",
        "ko": "{axis}: 로그 눈금에는 양수인 아래 끝이 필요합니다 (지금은 {low}). 값을 올리거나 로그 눈금을 끄세요.",
    },
    "lesson.sweep.err.engine": {"en": "The engine refused this sweep: {reason}", "ko": "엔진이 이 탐색을 거부했습니다: {reason}"},
    # figure
    "lesson.sweep.fig.diverged": {"en": "diverged", "ko": "발산"},
    "lesson.sweep.fig.never": {"en": "never within tolerance", "ko": "허용 오차에 도달하지 못함"},
    "lesson.sweep.fig.best": {"en": "best cell", "ko": "가장 좋은 칸"},
    "lesson.sweep.fig.polyak": {"en": "Polyak's optimum", "ko": "폴랴크의 최적점"},
    "lesson.sweep.fig.selected": {"en": "selected cell", "ko": "선택한 칸"},
    "lesson.sweep.fig.loss_log": {"en": "log₁₀(f − f*)", "ko": "log₁₀(f − f*)"},
    "lesson.sweep.fig.loss": {"en": "final loss f", "ko": "최종 손실 f"},
    "lesson.sweep.fig.steps": {"en": "steps to tolerance", "ko": "허용 오차까지의 스텝 수"},
    "lesson.sweep.fig.final": {"en": "final loss", "ko": "최종 손실"},
    # captions
    "lesson.sweep.caption": {
        "en": "{cells} runs of {steps} steps, all from ({x0}, {y0}). “Within tolerance” means f − f* ≤ {tol} (10⁻³ of "
        "the start's height above the minimum). {diverged} of the runs diverged.",
        "ko": "실행 {cells}개, 각각 {steps}스텝, 모두 ({x0}, {y0})에서 출발합니다. “허용 오차 안”은 f − f* ≤ {tol}, "
        "곧 출발점이 최솟값보다 높은 정도의 10⁻³ 이내라는 뜻입니다. 실행 중 {diverged}개가 발산했습니다.",
    },
    "lesson.sweep.click": {"en": "Click a cell of the map to pick it; until then the best cell is shown.", "ko": "지도의 칸을 클릭해 고르세요. 고르기 전에는 가장 좋은 칸을 보여 줍니다."},
    "lesson.sweep.cell.best": {"en": "Best cell", "ko": "가장 좋은 칸"},
    "lesson.sweep.cell.selected": {"en": "Selected cell", "ko": "선택한 칸"},
    "lesson.sweep.cell": {
        "en": "**{which}:** {values}: final loss **{loss}**, steps to tolerance **{steps_to}**.",
        "ko": "**{which}:** {values}: 최종 손실 **{loss}**, 허용 오차까지의 스텝 수 **{steps_to}**.",
    },
    "lesson.sweep.never": {"en": "never", "ko": "도달하지 못함"},
    "lesson.sweep.diverged_at": {"en": "diverged at step {step}", "ko": "{step}번째 스텝에서 발산"},
    "lesson.sweep.none": {"en": "Every run diverged or failed: there is no best cell.", "ko": "모든 실행이 발산했거나 실패해서 가장 좋은 칸이 없습니다."},
    "lesson.sweep.note.tol": {
        "en": "The swept surface parameter moves the minimum. Steps to tolerance are measured against the minimum of "
        "the surface with its fixed parameters, so read the final-loss map here (it compares each cell with its own "
        "minimum).",
        "ko": "탐색하는 지형 매개변수가 최솟값을 움직입니다. 허용 오차까지의 스텝 수는 고정된 매개변수를 가진 지형의 "
        "최솟값을 기준으로 재므로, 여기서는 최종 손실 지도를 보세요(칸마다 자기 최솟값과 비교합니다).",
    },
    "lesson.sweep.polyak": {
        "en": "For heavy-ball momentum on a quadratic, the convergence rate is best at Polyak's optimum "
        "η* = 4/(√L + √μ)² = **{eta}**, β* = ((√κ − 1)/(√κ + 1))² = **{beta}**, where L = {L} and μ = {mu} are the "
        "eigenvalues of the surface's Hessian (by `jax.hessian`). That is a statement about the rate as the steps go "
        "on; after {steps} steps the map's best cell is η = **{best_eta}**, β = **{best_beta}**.",
        "ko": "이차 함수에서 헤비볼 모멘텀의 수렴 속도는 폴랴크의 최적점 η* = 4/(√L + √μ)² = **{eta}**, β* = ((√κ − "
        "1)/(√κ + 1))² = **{beta}**에서 가장 빠릅니다. 여기서 L(= {L})과 μ(= {mu})는 지형의 헤세 행렬의 "
        "고윳값입니다(`jax.hessian`으로 계산). 이것은 스텝이 계속될 때의 수렴 속도에 대한 이야기이고, {steps}스텝 뒤 "
        "지도에서 가장 좋은 칸은 η = **{best_eta}**, β = **{best_beta}**입니다.",
    },
    # grid search against random search
    "lesson.sweep.search": {"en": "Grid search or random search?", "ko": "격자 탐색인가, 무작위 탐색인가?"},
    "lesson.sweep.search.budget": {"en": "Budget: runs per search", "ko": "예산: 탐색마다 실행 수"},
    "lesson.sweep.search.one_axis": {"en": "A map where only η matters", "ko": "η만 중요한 지도"},
    "lesson.sweep.search.grid": {
        "en": "grid search: {runs} runs, {nx} × {ny} values",
        "ko": "격자 탐색: 실행 {runs}개, 값 {nx} × {ny}개",
    },
    "lesson.sweep.search.random": {
        "en": "random search: {runs} runs, {nx} × {ny} values",
        "ko": "무작위 탐색: 실행 {runs}개, 값 {nx} × {ny}개",
    },
    "lesson.sweep.search.best": {"en": "best run of each search", "ko": "각 탐색의 가장 좋은 실행"},
    "lesson.sweep.search.help": {
        "en": "The same map, the same ranges, {runs} runs each: a {side} × {side} grid (orange circles) and {runs} "
        "random points (red diamonds, uniform in each range, log-uniform on a log axis, seeded). The ticks on the "
        "edges are the values each search tried along each axis: the grid's on the top and right, the random "
        "search's on the bottom and left. Every point is its own engine run. After J. Bergstra, Y. Bengio, "
        "Random Search for Hyper-Parameter Optimization, JMLR 13 (2012).",
        "ko": "같은 지도, 같은 범위에서 각각 실행 {runs}개입니다. {side} × {side} 격자(주황 원)와 무작위 점 "
        "{runs}개(빨간 마름모, 범위 안에서 균등하게, 로그 눈금 축에서는 로그 균등하게, 시드 고정)입니다. 가장자리의 "
        "눈금은 각 탐색이 축마다 시도한 값입니다. 격자는 위와 오른쪽, 무작위 탐색은 아래와 왼쪽에 있습니다. 점 "
        "하나하나가 엔진의 실행 하나입니다. J. Bergstra, Y. Bengio, Random Search for Hyper-Parameter Optimization, "
        "JMLR 13 (2012)을 따랐습니다.",
    },
    "lesson.sweep.search.result": {
        "en": "With {runs} runs each, the grid tried **{gx}** values of {x} and **{gy}** of {y}; random search tried "
        "**{rx}** and **{ry}**. Best f − f* found: grid **{grid}**, random **{random}**. When one axis hardly matters, "
        "the grid spends its budget repeating the same few values of the one that does; random search gives every "
        "run a new value of each (Bergstra & Bengio, 2012).",
        "ko": "각각 실행 {runs}개로, 격자는 {x}의 값을 **{gx}**개, {y}의 값을 **{gy}**개 시도했고 무작위 탐색은 "
        "**{rx}**개와 **{ry}**개를 시도했습니다. 찾아낸 가장 작은 f − f*: 격자 **{grid}**, 무작위 **{random}**. "
        "한 축이 거의 중요하지 않으면 격자는 중요한 축의 몇 안 되는 값을 되풀이하는 데 예산을 쓰고, 무작위 탐색은 "
        "실행마다 두 축 모두 새 값을 씁니다 (Bergstra & Bengio, 2012).",
    },
}
