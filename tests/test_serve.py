"""`ui.serve`'s process settings: the malloc arenas are limited (glibc), or left alone elsewhere."""

import platform

from ui import serve


def test_the_server_limits_its_malloc_arenas_on_glibc():
    limited = serve.limit_arenas()
    assert limited == (platform.libc_ver()[0] == "glibc")


def test_warming_the_pages_reports_a_page_that_fails_and_goes_on(monkeypatch):
    """`warm_pages` runs each lesson page once; one that cannot run is reported, not raised: the server starts."""
    from lab import course

    monkeypatch.setattr(course, "page_files", lambda: ["views/lesson_5_ewa.py", "views/no_such_lesson.py"])
    seconds, failed = serve.warm_pages()  # the course's pages by default
    assert seconds > 0
    assert len(failed) == 1 and failed[0].startswith("views/no_such_lesson.py: ")


def test_warming_the_pages_loads_their_programs_into_this_process():
    """After a page's warm run its programs are in this process: the same page run again compiles (or loads from
    the disk cache) nothing, as a first visitor's run after the server's warm-up."""
    import jax

    compiles = []
    jax.monitoring.register_event_duration_secs_listener(
        lambda event, seconds, **_: compiles.append(event) if event.endswith("backend_compile_duration") else None)
    jax.clear_caches()  # as in a new server process (a test before this one may have run the page)
    _, failed = serve.warm_pages(["views/lesson_3_momentum.py"])
    assert not failed and compiles  # something was compiled or loaded the first time (or this test shows nothing)
    compiles.clear()
    _, failed = serve.warm_pages(["views/lesson_3_momentum.py"])
    assert not failed and compiles == []
