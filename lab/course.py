"""The course: its lessons in the order of the notes, the one list the navigation, the tests, the image's warm-up
and the load bench read.

Each lesson is (key, Material icon); its page is ``views/lesson_<n>_<key>.py`` (n from 1), its address ``/<key>``,
its navigation title the catalogue's ``nav.<key>``.
"""

LESSONS = (
    ("gradient_descent", ":material/trending_down:"),
    ("batches", ":material/casino:"),
    ("momentum", ":material/speed:"),
    ("adaptive", ":material/tune:"),
    ("ewa", ":material/show_chart:"),
    ("schedules", ":material/schedule:"),
    ("decay_clipping", ":material/content_cut:"),
    ("saddles", ":material/filter_hdr:"),
    ("sweep", ":material/grid_on:"),
    ("network", ":material/hub:"),
)
KEYS = tuple(key for key, _ in LESSONS)


def page_files() -> list[str]:
    """Each lesson's page file, relative to the app's folder."""
    return [f"views/lesson_{n}_{key}.py" for n, key in enumerate(KEYS, start=1)]
