"""What a link's notices say when the app changed or ignored a value in it (`lab.scene.from_query`, `page_notices`).

``{value}`` is the link's own text, shortened and quoted."""

TEXTS = {
    "notice.unknown_surface": {"en": "unknown surface {value} ignored; showing {default}",
                               "ko": "알 수 없는 손실 지형 {value}은(는) 무시하고 {default}을(를) 보여 줍니다"},
    "notice.formula_cut": {"en": "the formula was cut to {n} characters", "ko": "수식을 {n}자로 잘랐습니다"},
    "notice.not_a_stop": {"en": "{name}: {value} is not one of {stops}; using {used}",
                          "ko": "{name}: {value}은(는) {stops} 중 하나가 아니어서 {used}을(를) 씁니다"},
    "notice.start_not_numbers": {"en": "the start point was not two numbers; using the surface's suggested start",
                                 "ko": "시작점이 두 숫자가 아니어서 이 지형이 권하는 시작점을 씁니다"},
    "notice.start_outside": {"en": "the start point ({x}, {y}) is outside the plotting area; moved to ({x_in}, {y_in})",
                             "ko": "시작점 ({x}, {y})이(가) 그림 영역 밖에 있어 ({x_in}, {y_in})(으)로 옮겼습니다"},
    "notice.unknown_optimizer": {"en": "unknown optimizer {value} for o{i} ignored",
                                 "ko": "o{i}의 알 수 없는 옵티마이저 {value}은(는) 무시했습니다"},
    "notice.unknown_params": {"en": "ignored unknown parameters: {names}", "ko": "알 수 없는 매개변수를 무시했습니다: {names}"},
    "notice.unknown_language": {"en": "unknown language {value} ignored", "ko": "알 수 없는 언어 {value}은(는) 무시했습니다"},
    "notice.lesson_params": {"en": "ignored parameters a lesson does not read: {names}",
                             "ko": "강의 페이지가 읽지 않는 매개변수를 무시했습니다: {names}"},
    "notice.not_a_switch": {"en": "{name}: {value} is not 1 or 0; off", "ko": "{name}: {value}은(는) 1이나 0이 아니어서 끕니다"},
    "notice.not_a_number": {"en": "{name}: {value} is not a number; using {default}",
                            "ko": "{name}: {value}은(는) 숫자가 아니어서 {default}을(를) 씁니다"},
    "notice.not_whole": {"en": "{name}: {value} is not a whole number; rounded",
                         "ko": "{name}: {value}은(는) 정수가 아니어서 반올림했습니다"},
    "notice.clamped": {"en": "{name}: {value} is outside {low} to {high}; clamped to {clamped}",
                       "ko": "{name}: {value}은(는) {low}부터 {high}까지의 범위 밖이어서 {clamped}(으)로 맞췄습니다"},
    "notice.not_a_choice": {"en": "{name}: {value} is not one of {choices}; ignored",
                            "ko": "{name}: {value}은(는) {choices} 중 하나가 아니어서 무시했습니다"},
}
