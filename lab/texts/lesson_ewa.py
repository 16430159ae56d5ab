"""Texts of lesson 5, exponentially weighted averages. T_t is the temperature on day t (θ means parameters)."""

TEXTS: dict[str, dict[str, str]] = {
    "nav.ewa": {"en": "5 · Exponentially weighted averages", "ko": "5 · 지수 가중 평균"},
    "lesson.ewa.title": {"en": "Exponentially weighted averages", "ko": "지수 가중 평균"},
    "lesson.ewa.claim": {
        "en": "An exponentially weighted average keeps one number and covers about the last 1/(1 − β) days; "
        "bias correction fixes its too-small start.",
        "ko": "지수 가중 평균은 숫자 하나만 기억하면서 최근 약 1/(1 − β)일을 평균 내고, 편향 보정은 너무 작게 "
        "시작하는 첫 값들을 바로잡습니다.",
    },
    "lesson.ewa.p1": {
        "en": "An **exponentially weighted average** (EWA) smooths a noisy series while remembering a single number: "
        "with $T_t$ the temperature on day $t$, $v_t = \\beta\\, v_{t-1} + (1-\\beta)\\,T_t$. Each new value enters "
        "with weight 1 − β, and everything older is discounted by β once more. Momentum averages gradients this "
        "way; Adam averages both the gradients and their squares.",
        "ko": "**지수 가중 평균**(EWA)은 숫자 하나만 기억하면서 잡음 섞인 데이터를 매끄럽게 만듭니다. $t$일째 기온을 "
        "$T_t$라 하면 $v_t = \\beta\\, v_{t-1} + (1-\\beta)\\,T_t$입니다. 새 값은 1 − β의 가중치로 들어오고, 그보다 "
        "오래된 값들은 한 번 더 β배로 줄어듭니다. 모멘텀은 기울기를 이렇게 평균 내고, Adam은 기울기와 기울기의 "
        "제곱을 모두 이렇게 평균 냅니다.",
    },
    "lesson.ewa.p2": {
        "en": "Unrolled, $v_t = (1-\\beta)\\sum_k \\beta^k\\,T_{t-k}$: the weights fall off exponentially into the past. "
        "Since $\\beta^{1/(1-\\beta)} \\approx 1/e$, the average effectively covers the last **≈ 1/(1 − β)** values: "
        "about ten days at β = 0.9, fifty at β = 0.98. A larger β is smoother but reacts later, lagging behind the "
        "seasons; a smaller β follows the day-to-day noise.",
        "ko": "식을 풀어 쓰면 $v_t = (1-\\beta)\\sum_k \\beta^k\\,T_{t-k}$로, 가중치가 과거로 갈수록 지수적으로 "
        "줄어듭니다. $\\beta^{1/(1-\\beta)} \\approx 1/e$이므로 평균은 사실상 최근 **≈ 1/(1 − β)**개의 값을 "
        "아우릅니다. β = 0.9이면 약 10일, β = 0.98이면 약 50일입니다. β가 크면 더 매끄럽지만 늦게 반응해 계절 변화에 "
        "뒤처지고, β가 작으면 날마다의 잡음을 그대로 따라갑니다.",
    },
    "lesson.ewa.p3": {
        "en": "Starting from v₀ = 0 makes the first averages too small: v₁ = (1 − β) T₁, a tenth of the first day's "
        "temperature at β = 0.9. **Bias correction** divides by 1 − βᵗ, the sum of the weights so far, so "
        "v̂₁ = T₁ exactly; for large t the divisor is 1 and changes nothing. Adam corrects its averages for this "
        "reason.",
        "ko": "v₀ = 0에서 시작하면 처음 평균들이 너무 작습니다. v₁ = (1 − β) T₁이므로 β = 0.9이면 첫날 기온의 10분의 "
        "1입니다. **편향 보정**은 지금까지의 가중치 합인 1 − βᵗ로 나누어 정확히 v̂₁ = T₁이 되게 합니다. t가 크면 "
        "나누는 값이 1이 되어 아무것도 바뀌지 않습니다. Adam이 평균을 보정하는 이유가 바로 이것입니다.",
    },
    "lesson.ewa.p4": {
        "en": "The data: a made-up year of daily temperatures, a seasonal curve plus day-to-day noise from a fixed "
        "seed, like the temperatures in Andrew Ng's lecture. Tₜ is the temperature on day t (a data value, "
        "not a parameter of a model).",
        "ko": "데이터는 앤드루 응(Andrew Ng) 강의의 기온 예처럼, 계절 곡선에 날마다의 잡음을 더해 고정된 시드로 "
        "만든 1년 치 가상의 일별 기온입니다. Tₜ는 t일째 기온(데이터의 값이지 모델의 "
        "매개변수가 아님)입니다.",
    },
    "lesson.ewa.try": {
        "en": "Set β = 0.98 and zoom in on the start: without bias correction the average begins near 0 °C and needs "
        "weeks to catch up with the weather; the corrected one starts on the first day's temperature.",
        "ko": "β = 0.98로 두고 처음 부분을 확대해 보세요. 편향 보정이 없으면 평균이 0 °C 근처에서 출발해 날씨를 "
        "따라잡는 데 몇 주가 걸리고, 보정한 평균은 첫날 기온에서 바로 시작합니다.",
    },
    "lesson.ewa.try.button": {"en": "β = 0.98, zoom in", "ko": "β = 0.98, 확대"},
    "lesson.ewa.beta": {"en": "β, how much of the old average is kept each day", "ko": "β: 매일 이전 평균을 남기는 비율"},
    "lesson.ewa.zoom": {"en": "Zoom in on the first days", "ko": "처음 며칠 확대"},
    "lesson.ewa.window": {"en": "Window 1/(1−β)", "ko": "창의 길이 1/(1−β)"},
    "lesson.ewa.window.value": {"en": "≈ {days} days", "ko": "≈ {days}일"},
    "lesson.ewa.first.data": {"en": "Day 1: temperature T₁", "ko": "1일째 기온 T₁"},
    "lesson.ewa.first.raw": {"en": "v₁ without correction", "ko": "보정 없는 v₁"},
    "lesson.ewa.first.corrected": {"en": "v̂₁ with correction", "ko": "보정한 v̂₁"},
    "lesson.ewa.numbers": {
        "en": "Computed from the series above: v₁ = (1 − β) T₁ = {raw} °C, v̂₁ = v₁ / (1 − β) = {corrected} °C. "
        "The correction's divisor 1 − βᵗ: {divisor} on day {days}, {late_divisor} on day {late}.",
        "ko": "위 데이터로 계산한 값: v₁ = (1 − β) T₁ = {raw} °C, v̂₁ = v₁ / (1 − β) = {corrected} °C. 보정의 분모 "
        "1 − βᵗ의 값: {days}일째 {divisor}, {late}일째 {late_divisor}.",
    },
    "lesson.ewa.weights": {"en": "How far back the average looks", "ko": "평균은 얼마나 먼 과거까지 보는가"},
    "lesson.ewa.weights.help": {
        "en": "The weight of the value k days back, (1 − β)βᵏ. The dashed line is at k = 1/(1 − β); the values before "
        "it carry 1 − β^(1/(1−β)) ≈ 1 − 1/e ≈ 63% of the weight.",
        "ko": "k일 전 값의 가중치 (1 − β)βᵏ입니다. 파선은 k = 1/(1 − β)에 있고, 그보다 최근 값들이 가중치의 "
        "1 − β^(1/(1−β)) ≈ 1 − 1/e ≈ 63%를 차지합니다.",
    },
    "lesson.ewa.f.correction": {"en": "bias correction", "ko": "편향 보정"},
    "lesson.ewa.f.window": {"en": "window", "ko": "창의 길이"},
    "lesson.ewa.legend.data": {"en": "daily temperature Tₜ", "ko": "일별 기온 Tₜ"},
    "lesson.ewa.legend.corrected": {"en": "EWA with bias correction v̂ₜ", "ko": "편향 보정한 지수 가중 평균 v̂ₜ"},
    "lesson.ewa.legend.raw": {"en": "EWA without bias correction vₜ", "ko": "편향 보정 없는 지수 가중 평균 vₜ"},
    "lesson.ewa.axis.day": {"en": "day of the year t", "ko": "날짜 t (1월 1일부터)"},
    "lesson.ewa.axis.temperature": {"en": "temperature T (°C)", "ko": "기온 T (°C)"},
    "lesson.ewa.axis.back": {"en": "days back k", "ko": "며칠 전 k"},
    "lesson.ewa.axis.weight": {"en": "weight (1 − β)βᵏ", "ko": "가중치 (1 − β)βᵏ"},
    "lesson.ewa.hover.day": {"en": "day %{x}", "ko": "%{x}일째"},
    "lesson.ewa.annot.window": {"en": "1/(1−β) = {days} days", "ko": "1/(1−β) = {days}일"},
    "lesson.ewa.annot.share": {"en": "last {days} days: {share} of the weight", "ko": "최근 {days}일: 가중치의 {share}"},
}
