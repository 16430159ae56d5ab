"""Texts every lesson page shares."""

TEXTS: dict[str, dict[str, str]] = {
    "lesson.try": {"en": "Try this:", "ko": "해 보기:"},
    "lesson.explain": {"en": "The idea, the formulas and why", "ko": "원리와 수식, 그리고 그 이유"},
    "lesson.source": {"en": "The code that drew this picture", "ko": "이 그림을 그린 실제 코드"},
    "lesson.references": {"en": "References", "ko": "참고 문헌"},
    "lesson.open_playground": {"en": "Open this scene in the Playground", "ko": "이 장면을 자유 실험에서 열기"},
    "nav.lessons": {"en": "Lessons", "ko": "강의"},
}
