"""Texts every lesson page shares."""

TEXTS: dict[str, dict[str, str]] = {
    "lesson.try": {"en": "Try this:", "ko": "해 보기:"},
    "lesson.source": {"en": "The code that drew this picture", "ko": "이 그림을 그린 실제 코드"},
    "lesson.references": {"en": "References", "ko": "참고 문헌"},
    "lesson.open_playground": {"en": "Open this scene in the Playground", "ko": "이 장면을 놀이터에서 열기"},
    "nav.lessons": {"en": "Lessons", "ko": "강의"},
}
